/**
 * Processes stored inbox events: in order within a conversation, conversations in parallel (bounded).
 * Each event is claimed inside the transaction that handles it and marks it done (on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, so several instances never process one twice and never wait on each other):
 * a crash rolls the claim back with everything else, and the event is free again at once. On failure it is
 * retried with back-off until it ends in a visible `failed` state. A periodic sweep picks up events left
 * by a crash or a back-off. Hot statements are hand-written SQL (store/sql.ts).
 *
 * On SQLite (one connection, one writer) transactions run one after another anyway, and each commit costs
 * more than the statements of a typical message. So events are processed in batches (group commit): up to
 * `batchMax` events, from whichever conversations have work, in one transaction, each inside its own
 * SAVEPOINT. A failing event rolls back to its savepoint only (its conversation stops there, as before);
 * the others commit together. A crash rolls back the whole batch, and every event in it is pending again.
 * A conversation has at most one group of events in a batch, in order. On PostgreSQL each event keeps
 * its own transaction (row locks across instances; the server commits in parallel).
 */
import type { Database, Tx } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { AppError } from '../model/errors.ts';
import { Semaphore } from '../util/semaphore.ts';
import { Sql, type Runner } from '../store/sql.ts';
import { CrashJournal } from './crash-journal.ts';
import type { InboxEvent } from '../../prisma/generated/sqlite/client.ts';

export const INBOX_STATUSES = ['pending', 'done', 'failed', 'rejected'] as const;

export interface InboxWorkerOptions {
  instanceId: string;
  concurrency: number;
  maxAttempts: number;
  lockMs: number;
  sweepIntervalMs: number;
  transactionTimeoutMs: number;
  /** SQLite: most events processed in one transaction (1 = a transaction per event). */
  batchMax: number;
  /** Local file listing the events in flight (crash-journal.ts); none: no crash accounting. */
  journalPath?: string;
}

export const DEFAULT_INBOX_OPTIONS: InboxWorkerOptions = {
  instanceId: 'local',
  concurrency: 4,
  maxAttempts: 5,
  lockMs: 60_000,
  sweepIntervalMs: 1_000,
  transactionTimeoutMs: 20_000,
  batchMax: 64,
};

/** Resolves to false when the event wrote nothing to the outbox (the sender need not be woken). */
export type InboxHandler = (tx: Tx, event: InboxEvent, now: Date) => Promise<void | boolean>;
export type FinalFailureHandler = (event: InboxEvent, error: unknown) => Promise<void>;

/** Pending events of one conversation read at once on SQLite (see `pending`). */
const PREFETCH = 8;

const EVENT_COLUMNS = `"id", "channel", "externalId", "kind", "conversationKey", "payload", "status", "attempts", "lastError", "lockedBy", "lockedUntil", "createdAt", "processedAt"`;

/** A raw InboxEvent row with the types of the model (drivers differ in integer and date types). */
function toEvent(row: InboxEvent): InboxEvent {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string | Date));
  return {
    id: Number(row.id),
    channel: row.channel,
    externalId: row.externalId,
    kind: row.kind,
    conversationKey: row.conversationKey,
    payload: row.payload,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.lastError,
    lockedBy: row.lockedBy,
    lockedUntil: date(row.lockedUntil),
    createdAt: date(row.createdAt)!,
    processedAt: date(row.processedAt),
  };
}

/** One conversation's events waiting for the next batch, and what became of them. */
interface BatchGroup {
  events: InboxEvent[];
  /** Events processed and committed (a prefix of `events`). */
  resolve: (processed: number) => void;
}

export class InboxWorker {
  private readonly active = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private readonly permits: Semaphore;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly sql: Sql;
  /** Raw statements outside transactions, directly on SQLite's connection when it is idle (store/direct-sqlite.ts). */
  private readonly runner: Runner;
  /** Called after an event's transaction committed and wrote outbox rows (to wake the outbox sender). */
  onProcessed: () => void = () => {};
  /** SQLite batching (see the file's comment); undefined on PostgreSQL. */
  private readonly batching: boolean;
  private readonly waitingGroups: BatchGroup[] = [];
  private batchRunning = false;
  private readonly journal: CrashJournal | undefined;
  private recovery: Promise<void> = Promise.resolve();
  /** False while `recover` runs: drains wait for it (and only then, so a drain otherwise starts at once). */
  private recovered = true;

  constructor(
    private readonly db: Database,
    private readonly handle: InboxHandler,
    private readonly onFinalFailure: FinalFailureHandler,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: InboxWorkerOptions = DEFAULT_INBOX_OPTIONS,
  ) {
    this.batching = db.provider !== 'postgres' && db.direct !== undefined && options.batchMax > 1;
    // Batching: enough conversations in flight to fill a batch (their events wait in memory, so bounded).
    this.permits = new Semaphore(this.batching ? Math.max(options.concurrency, Math.ceil((options.batchMax * 2) / PREFETCH)) : options.concurrency);
    this.sql = new Sql(db.provider);
    this.runner = db.direct?.outside(db.prisma) ?? db.directPg?.outside(db.prisma) ?? db.prisma;
    this.journal = options.journalPath ? new CrashJournal(options.journalPath, log) : undefined;
  }

  start(): void {
    this.stopped = false;
    this.recovered = false;
    this.recovery = this.recover()
      .catch((error: unknown) => this.log.error({ err: error }, 'inbox recovery failed'))
      .finally(() => {
        this.recovered = true;
      });
    const tick = () => {
      this.sweep()
        .catch((error) => this.log.warn({ err: error }, 'inbox sweep failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.sweepIntervalMs);
        });
    };
    void this.recovery.then(() => {
      if (!this.stopped) tick();
    });
  }

  /** Stops taking new work and waits for work in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // Recovery stops between events; the one it is processing finishes (its journal entry with it).
    await this.recovery;
    await Promise.allSettled([...this.active.values()]);
    this.journal?.clear();
  }

  /**
   * Events the previous process was processing when it died (crash-journal.ts): each counts one attempt
   * (an event that keeps killing the process ends `failed` like any other, and its requester is told),
   * and the rest are processed one at a time, each in a transaction of its own, before anything else
   * (drains wait for this), so the one that kills the process is singled out and no other event is in
   * flight with it again.
   */
  private async recover(): Promise<void> {
    const left = this.journal?.leftOver();
    const ids = left?.ids ?? [];
    if (!ids.length) return;
    const list = ids.map(() => '?').join(', ');
    const reason = 'the process stopped while processing this event';
    let rows: InboxEvent[];
    try {
      await this.sql.execute(this.runner, `UPDATE "InboxEvent" SET "attempts" = "attempts" + 1, "lastError" = ? WHERE "status" = 'pending' AND "id" IN (${list})`, reason, ...ids);
      rows = (await this.sql.query<InboxEvent>(this.runner, `SELECT ${EVENT_COLUMNS} FROM "InboxEvent" WHERE "status" = 'pending' AND "id" IN (${list}) ORDER BY "id"`, ...ids)).map(toEvent);
    } catch (error) {
      // The database is unreachable: the events are retried the usual way (the sweep comes back). They
      // stay listed, in this process's own file, so the next start still counts that crash should this
      // process die too (its first write would otherwise replace a file of its own pid).
      this.log.error({ err: error }, 'could not account for events in flight at the previous stop');
      left!.discard();
      this.journal?.begin(ids);
      return;
    }
    left!.discard();
    const suspects = rows.filter((event) => event.attempts < this.options.maxAttempts);
    const used = rows.filter((event) => event.attempts >= this.options.maxAttempts);
    this.log.warn({ inFlight: ids, retriedAlone: suspects.map((e) => e.id), failed: used.map((e) => e.id) }, 'the previous process stopped while processing inbox events');
    for (const event of used) await this.failAfterCrashes(event, reason);
    const byConversation = new Map<string, InboxEvent[]>();
    for (const event of suspects) {
      const events = byConversation.get(event.conversationKey) ?? [];
      events.push(event);
      byConversation.set(event.conversationKey, events);
    }
    for (const events of byConversation.values()) {
      for (const event of events) {
        if (this.stopped) return;
        // Not processed (failed, or changed meanwhile): the conversation's later events wait for its drain.
        if (!(await this.processAlone(event))) break;
      }
    }
  }

  /** Attempts used up by crashes: failed, and the requester told, unless another instance finished it meanwhile. */
  private async failAfterCrashes(event: InboxEvent, reason: string): Promise<void> {
    try {
      const changed = await this.sql.execute(this.runner, `UPDATE "InboxEvent" SET "status" = 'failed', "lockedBy" = NULL, "lockedUntil" = NULL WHERE "id" = ? AND "status" = 'pending'`, event.id);
      if (changed === 1) await this.onFinalFailure(event, new Error(reason));
    } catch (error) {
      this.log.error({ inboxId: event.id, err: error }, 'could not mark an event failed after crashes');
    }
  }

  private async processAlone(event: InboxEvent): Promise<boolean> {
    if (this.db.provider === 'postgres') return this.processHead(event.conversationKey);
    if (this.batching) return (await this.processBatch([[event]]))[0] === 1;
    return this.processOne(event);
  }

  /**
   * Runs one processing transaction; `listed` is called inside it (the connection is ours and the work
   * starts) with the events to list in the crash journal until it has ended.
   */
  private async journaled<T>(run: (listed: (ids: readonly number[]) => void) => Promise<T>): Promise<T> {
    const listedIds: number[] = [];
    try {
      return await run((ids) => {
        listedIds.push(...ids);
        this.journal?.begin(ids);
      });
    } finally {
      if (listedIds.length) this.journal?.end(listedIds);
    }
  }

  /**
   * Processes the conversation's pending events soon (called right after an event is stored).
   * `behindOthers`: when it was stored, older events of the conversation were pending (PostgreSQL intake
   * tells); see `drainConversation`.
   */
  notify(conversationKey: string, behindOthers = false): void {
    if (this.stopped) return;
    if (this.active.has(conversationKey)) {
      this.dirty.add(conversationKey);
      return;
    }
    const run = this.drainConversation(conversationKey, behindOthers)
      // The database may be down: the events stay pending and the sweep comes back for them.
      .catch((error: unknown) => this.log.warn({ err: error, conversationKey }, 'inbox drain failed'))
      .finally(() => {
        this.active.delete(conversationKey);
        if (this.dirty.delete(conversationKey)) this.notify(conversationKey);
      });
    this.active.set(conversationKey, run);
  }

  /** Finds conversations with claimable events and schedules them. */
  async sweep(): Promise<number> {
    // Conversations, not rows: one conversation with a backlog of a thousand events must not hide the
    // others (oldest first). SQLite is told the index: with statistics (ANALYZE, PRAGMA optimize) it
    // would otherwise group along the conversation index over the whole history, every second.
    const from = this.db.provider === 'postgres' ? '"InboxEvent"' : '"InboxEvent" INDEXED BY "InboxEvent_status_id_idx"';
    const rows = await this.sql.query<{ conversationKey: string }>(
      this.runner,
      `SELECT "conversationKey", min("id") AS "first" FROM ${from} WHERE "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" < ?)
       GROUP BY "conversationKey" ORDER BY "first" LIMIT 1000`,
      this.sql.time(this.clock.now()),
    );
    const keys = new Set(rows.map((r) => r.conversationKey));
    for (const key of keys) this.notify(key);
    return keys.size;
  }

  /** For tests and shutdown: sweeps until nothing is pending or in flight. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.recovery;
    while (Date.now() < deadline) {
      await Promise.allSettled([...this.active.values()]);
      const scheduled = await this.sweep();
      if (scheduled === 0 && this.active.size === 0) return;
      if (scheduled > 0 && this.active.size === 0) await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('inbox did not become idle in time');
  }

  private async drainConversation(key: string, behindOthers = false): Promise<void> {
    if (!this.recovered) await this.recovery;
    if (this.db.provider === 'postgres') {
      // An event stored behind older pending ones while no drain of this instance runs: most likely
      // another instance is processing the conversation (webhooks spread a chat over the instances) and
      // will go on to this event, since every drain asks again until nothing is claimable. One cheap
      // statement outside a transaction tells, instead of a claim transaction that finds nothing.
      if (behindOthers && (await this.headHeldElsewhere(key))) return;
      // Another instance may store and process this conversation's events without notifying this one, so
      // the drain always asks again until nothing is claimable (locked elsewhere, backing off, or done).
      // After the first event it asks with one plain read before opening a transaction: most drains end
      // there, and a claim transaction that finds nothing costs three round trips.
      for (let first = true; !this.stopped; first = false) {
        if (!first && !(await this.anyPending(key))) return;
        if (!(await this.permits.run(() => this.processHead(key)))) return;
      }
      return;
    }
    for (;;) {
      const { events, more } = await this.pending(key);
      if (this.batching) {
        if (this.stopped) return;
        // Backing off after a failure: leave it (and the rest of the conversation); the sweep comes back.
        const now = this.clock.now();
        const ready = events.findIndex((e) => e.lockedUntil !== null && e.lockedUntil > now);
        const group = ready === -1 ? events : events.slice(0, ready);
        if (!group.length) return;
        const processed = await this.permits.run(() => this.inBatch(group));
        if (processed < events.length || !more) return;
        continue;
      }
      for (const next of events) {
        if (this.stopped) return;
        // Backing off after a failure: leave it (and the rest of the conversation); the sweep comes back.
        if (next.lockedUntil && next.lockedUntil > this.clock.now()) return;
        const processed = await this.permits.run(() => this.processOne(next));
        if (!processed) return;
      }
      if (!more || this.stopped) return;
    }
  }

  /**
   * SQLite: the conversation's oldest pending events, and whether more may follow them. Only this drain
   * processes the conversation (one instance), so a few are read at once (each is still claimed, which
   * fails if it changed meanwhile), and the drain stops when fewer than asked for were pending: an event
   * stored meanwhile notifies this worker, which marks the conversation dirty and drains it again.
   */
  private async pending(key: string): Promise<{ events: InboxEvent[]; more: boolean }> {
    const rows = await this.sql.query<InboxEvent>(
      this.runner,
      `SELECT ${EVENT_COLUMNS} FROM "InboxEvent" WHERE "conversationKey" = ? AND "status" = 'pending' ORDER BY "id" LIMIT ?`,
      key,
      PREFETCH,
    );
    const events = rows.map(toEvent);
    return { events, more: events.length === PREFETCH };
  }

  /** PostgreSQL: whether the conversation has a pending event (committed; claimable or not). */
  private async anyPending(key: string): Promise<boolean> {
    const rows = await this.sql.query(this.runner, `SELECT 1 AS "one" FROM "InboxEvent" WHERE "conversationKey" = ? AND "status" = 'pending' LIMIT 1`, key);
    return rows.length > 0;
  }

  /**
   * PostgreSQL: whether the conversation's oldest pending event is locked by a transaction right now
   * (being processed elsewhere), or none is pending. The holder commits after this event was stored
   * (it was stored before this check), so its drain's next claim sees it: skipping here loses nothing.
   * `FOR SHARE` conflicts with a claim's row lock but not with another check.
   */
  private async headHeldElsewhere(key: string): Promise<boolean> {
    const rows = await this.sql.query(
      this.runner,
      `SELECT "id" FROM "InboxEvent" WHERE "id" = (SELECT min("id") FROM "InboxEvent" WHERE "conversationKey" = ? AND "status" = 'pending') FOR SHARE SKIP LOCKED`,
      key,
    );
    // No row: held elsewhere, or nothing is pending any more; either way there is nothing to do here.
    return rows.length === 0;
  }

  /**
   * PostgreSQL: claims the conversation's oldest pending event and processes it, in one transaction whose
   * first statement claims the event and returns it with the connection's backend pid (so the statements
   * after it run directly on that connection: store/direct-pg.ts). An oldest event that another
   * instance's transaction holds, or that is backing off, is not skipped: nothing is claimed and the
   * conversation waits (its order is kept). False when nothing was processed.
   */
  private async processHead(key: string): Promise<boolean> {
    const now = this.clock.now();
    let event: InboxEvent | undefined;
    let wroteOutbox = true;
    try {
      const done = await this.db.prisma.$transaction(
        async (prismaTx) => {
          const rows = await this.sql.query<InboxEvent & { pid: unknown }>(
            prismaTx,
            `UPDATE "InboxEvent" SET "lockedBy" = ? WHERE "id" = (
               SELECT "id" FROM "InboxEvent"
               WHERE "id" = (SELECT min("id") FROM "InboxEvent" WHERE "conversationKey" = ? AND "status" = 'pending')
                 AND "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" < ?)
               FOR UPDATE SKIP LOCKED)
             RETURNING ${EVENT_COLUMNS}, pg_backend_pid() AS "pid"`,
            this.options.instanceId,
            key,
            this.sql.time(now),
          );
          const row = rows[0];
          if (!row) return false;
          const claimed = toEvent(row);
          event = claimed;
          this.journal?.begin([claimed.id]);
          const tx = this.db.directPg ? this.db.directPg.bindPid(prismaTx, Number(row.pid)) : prismaTx;
          wroteOutbox = (await this.handle(tx, claimed, now)) !== false;
          await this.markDone(tx, claimed.id);
          return true;
        },
        { timeout: this.options.transactionTimeoutMs, maxWait: this.options.transactionTimeoutMs },
      );
      if (done && wroteOutbox) this.onProcessed();
      return done;
    } catch (error) {
      // Claimed, then failed: the claim rolled back with the rest; the attempt is counted on the event.
      if (event) await this.recordFailure(event, error);
      // Failed before anything was claimed (database unreachable): the sweep comes back for it.
      else this.log.warn({ err: error, conversationKey: key }, 'inbox claim failed');
      return false;
    } finally {
      if (event) this.journal?.end([event.id]);
    }
  }

  /**
   * SQLite without batching: claims and processes one event in one transaction; false when it changed
   * meanwhile or failed, so the conversation waits and its order is kept.
   */
  private async processOne(event: InboxEvent): Promise<boolean> {
    const now = this.clock.now();
    let wroteOutbox = true;
    try {
      const done = await this.journaled((listed) =>
        this.db.prisma.$transaction(
          async (prismaTx) => {
            const tx = this.db.direct?.bind(prismaTx) ?? prismaTx;
            if (!(await this.claim(tx, event.id, now))) return false;
            listed([event.id]);
            wroteOutbox = (await this.handle(tx, event, now)) !== false;
            await this.markDone(tx, event.id);
            return true;
          },
          { timeout: this.options.transactionTimeoutMs, maxWait: this.options.transactionTimeoutMs },
        ),
      );
      if (done && wroteOutbox) this.onProcessed();
      return done;
    } catch (error) {
      await this.recordFailure(event, error);
      return false;
    }
  }

  /** Queues one conversation's events for the next batch; resolves with how many were processed. */
  private inBatch(events: InboxEvent[]): Promise<number> {
    return new Promise((resolve) => {
      this.waitingGroups.push({ events, resolve });
      if (!this.batchRunning) {
        this.batchRunning = true;
        // One macrotask later: the drains started by the same intake batch join this transaction.
        setImmediate(() => void this.runBatches());
      }
    });
  }

  private async runBatches(): Promise<void> {
    try {
      while (this.waitingGroups.length) {
        const groups: BatchGroup[] = [];
        let size = 0;
        while (this.waitingGroups.length && (size === 0 || size + this.waitingGroups[0]!.events.length <= this.options.batchMax)) {
          const group = this.waitingGroups.shift()!;
          groups.push(group);
          size += group.events.length;
        }
        // processBatch handles its own failures; should anything still throw, the drains waiting on this
        // batch must hear "nothing processed" (the events stay pending) rather than wait forever.
        const processed = await this.processBatch(groups.map((group) => group.events)).catch((error: unknown) => {
          this.log.error({ err: error }, 'inbox batch failed unexpectedly');
          return groups.map(() => 0);
        });
        groups.forEach((group, i) => group.resolve(processed[i]!));
      }
    } finally {
      this.batchRunning = false;
    }
  }

  /**
   * One transaction for several conversations' events, each event inside a savepoint. Returns, per group,
   * how many of its events were processed; the first failure of a group ends it (order is kept).
   */
  private async processBatch(groups: ReadonlyArray<InboxEvent[]>): Promise<number[]> {
    const processed = groups.map(() => 0);
    const failed: Array<{ event: InboxEvent; error: unknown }> = [];
    let wroteOutbox = false;
    try {
      await this.journaled((listed) =>
        this.db.prisma.$transaction(
          async (prismaTx) => {
            const tx = this.db.direct!.bind(prismaTx);
            // Listed once the transaction has the connection (not while it waits for it).
            listed(groups.flatMap((group) => group.map((event) => event.id)));
            for (const [g, group] of groups.entries()) {
              for (const event of group) {
                const now = this.clock.now();
                await this.sql.execute(tx, 'SAVEPOINT inbox_event');
                try {
                  if (!(await this.claim(tx, event.id, now))) {
                    await this.sql.execute(tx, 'RELEASE inbox_event');
                    break;
                  }
                  const wrote = (await this.handle(tx, event, now)) !== false;
                  await this.markDone(tx, event.id);
                  await this.sql.execute(tx, 'RELEASE inbox_event');
                  wroteOutbox ||= wrote;
                  processed[g] = processed[g]! + 1;
                } catch (error) {
                  // Only this event's work is undone; if the savepoint itself is gone (SQLite rolled the whole
                  // transaction back, e.g. disk full), this throws and the batch fails as a whole.
                  await this.sql.execute(tx, 'ROLLBACK TO inbox_event');
                  await this.sql.execute(tx, 'RELEASE inbox_event');
                  failed.push({ event, error });
                  break;
                }
              }
            }
          },
          { timeout: this.options.transactionTimeoutMs, maxWait: this.options.transactionTimeoutMs },
        ),
      );
    } catch (error) {
      // Nothing committed. With several conversations in the batch, each is retried in a transaction of
      // its own, so one that breaks the whole transaction does not use up its neighbours' attempts.
      if (groups.length > 1) {
        const alone: number[] = [];
        for (const group of groups) alone.push((await this.processBatch([group]))[0]!);
        return alone;
      }
      // One conversation's events: each in a transaction of its own, in order, so the attempt is
      // counted against the event that breaks it, not against the one that happened to be first.
      const only = groups[0]!;
      if (only.length > 1) {
        let done = 0;
        for (const event of only) {
          const [ok] = await this.processBatch([[event]]);
          if (!ok) break;
          done += 1;
        }
        return [done];
      }
      // The event counts one failed attempt (and is pending again, after a back-off).
      failed.length = 0;
      groups.forEach((group, g) => {
        if (group.length) failed.push({ event: group[0]!, error });
        processed[g] = 0;
      });
      wroteOutbox = false;
    }
    if (wroteOutbox) this.onProcessed();
    for (const { event, error } of failed) await this.recordFailure(event, error);
    return processed;
  }

  private async markDone(tx: Tx, id: number): Promise<void> {
    await this.sql.execute(
      tx,
      `UPDATE "InboxEvent" SET "status" = 'done', "processedAt" = ?, "lockedBy" = NULL, "lockedUntil" = NULL WHERE "id" = ?`,
      this.sql.time(this.clock.now()),
      id,
    );
  }

  /**
   * SQLite: the claim is the transaction's first write, so it takes the database's write lock up front
   * (no upgrade from a read snapshot that could fail as busy). PostgreSQL claims in `processHead`.
   */
  private async claim(tx: Tx, id: number, now: Date): Promise<boolean> {
    const count = await this.sql.execute(
      tx,
      `UPDATE "InboxEvent" SET "lockedBy" = ? WHERE "id" = ? AND "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" < ?)`,
      this.options.instanceId,
      id,
      this.sql.time(now),
    );
    return count === 1;
  }

  private async recordFailure(event: InboxEvent, error: unknown): Promise<void> {
    const attempts = event.attempts + 1;
    const refused = error instanceof AppError && error.code !== 'storage_unavailable' && error.code !== 'internal';
    const final = refused || attempts >= this.options.maxAttempts;
    const message = error instanceof Error ? error.message.slice(0, 1000) : String(error);
    this.log.warn({ inboxId: event.id, attempts, final, error: message }, 'inbox event failed');
    const backoffMs = Math.min(60_000, 500 * 2 ** attempts);
    try {
      // Only while still pending: on PostgreSQL another instance may have processed it since the rollback.
      const { count } = await this.db.prisma.inboxEvent.updateMany({
        where: { id: event.id, status: 'pending' },
        data: final
          ? { status: refused ? 'rejected' : 'failed', attempts, lastError: message, lockedBy: null, lockedUntil: null }
          : { attempts, lastError: message, lockedBy: null, lockedUntil: new Date(this.clock.now().getTime() + backoffMs) },
      });
      if (final && count === 1) await this.onFinalFailure(event, error);
    } catch (storeError) {
      // The database itself is down: the event is still pending and unclaimed; the sweep retries it later.
      this.log.error({ inboxId: event.id, err: storeError }, 'could not record inbox failure');
    }
  }
}
