/**
 * Sends outbox rows through the channel senders: at least once, in order per order key (a chat, or a
 * ticket on an agent surface), with back-off and the platform's retry-after, ending in a visible `dead`
 * state after too many attempts or a permanent refusal (recorded on the ticket). Rows are claimed with a
 * conditional update, so several instances never send one row at the same time. A claim outlives a
 * crash only until the claimer's heartbeat expires (`liveInstances`), or else until `lockMs`.
 * Hot statements are hand-written SQL (store/sql.ts).
 */
import type { Database } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Channel } from '../model/messages.ts';
import type { ChannelSender, Delivery, SendContext, SendResult } from '../model/delivery.ts';
import { Semaphore } from '../util/semaphore.ts';
import { Sql, type Runner } from '../store/sql.ts';
import { recordEvent } from '../tickets/events.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';

export interface OutboxWorkerOptions {
  instanceId: string;
  concurrency: number;
  maxAttempts: number;
  lockMs: number;
  pollIntervalMs: number;
  batchSize: number;
  /**
   * Instances alive now (core/lease Heartbeat). When given, rows claimed by any other instance are
   * released every `reclaimEveryMs`: their sender died before it could record the outcome.
   */
  liveInstances?: () => Promise<Set<string>>;
  reclaimEveryMs?: number;
}

/** The columns a send needs. */
interface OutboxRow {
  id: number;
  channel: string;
  orderKey: string;
  ticketId: string | null;
  payload: string;
  attempts: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  instanceId: 'local',
  concurrency: 32,
  maxAttempts: 12,
  lockMs: 60_000,
  pollIntervalMs: 250,
  batchSize: 200,
};

/** Rows marked sent per statement (2 parameters each, well under every driver's limit). */
const SENT_PER_STATEMENT = 500;
/** How soon sent marks that could not be written are tried again. */
const SENT_RETRY_MS = 1_000;

export class OutboxWorker {
  private readonly senders = new Map<Channel, ChannelSender>();
  private readonly busyKeys = new Set<string>();
  private readonly permits: Semaphore;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake = false;
  private lastReclaim = 0;
  private readonly sql: Sql;
  /** Raw statements outside transactions, directly on SQLite's connection when it is idle (store/direct-sqlite.ts). */
  private readonly runner: Runner;

  constructor(
    private readonly db: Database,
    senders: ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: OutboxWorkerOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {
    for (const sender of senders) this.senders.set(sender.channel, sender);
    this.permits = new Semaphore(options.concurrency);
    this.sql = new Sql(db.provider);
    this.runner = db.direct?.outside(db.prisma) ?? db.directPg?.outside(db.prisma) ?? db.prisma;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Frees claims left by an earlier process with this instance id (it is gone: ids are unique among live
   * instances) and, with `liveInstances`, by instances whose heartbeat expired.
   */
  async reclaim(): Promise<number> {
    const first = this.lastReclaim === 0;
    this.lastReclaim = Date.now();
    // Rows under this instance's own id can only be an earlier process's before this one claimed any.
    let freed = first
      ? await this.sql.execute(
          this.runner,
          `UPDATE "OutboxMessage" SET "lockedBy" = NULL, "lockedUntil" = NULL WHERE "status" = 'pending' AND "lockedBy" = ?`,
          this.options.instanceId,
        )
      : 0;
    if (this.options.liveInstances) {
      const alive = [...(await this.options.liveInstances())];
      freed += await this.sql.execute(
        this.runner,
        `UPDATE "OutboxMessage" SET "lockedBy" = NULL, "lockedUntil" = NULL
         WHERE "status" = 'pending' AND "lockedBy" IS NOT NULL AND "lockedBy" NOT IN (${alive.map(() => '?').join(', ')})`,
        ...alive,
      );
    }
    if (freed) this.log.warn({ freed }, 'outbox: released sends claimed by instances that are gone');
    return freed;
  }

  private readonly inFlight = new Set<number>();
  /** Sends started by `pump`, until recorded. */
  private readonly sends = new Set<Promise<void>>();
  /** Rows claimed by `pump`, waiting for a send slot, oldest first. */
  private readonly queued: Array<OutboxRow & { claimedAt: number }> = [];
  private sentRetry: NodeJS.Timeout | undefined;
  private readonly sentQueue: Array<{ id: number; externalRef: string | null }> = [];
  private sentFlush: Promise<void> | undefined;

  /** Stops taking rows; waits for the sends in flight (and their records); gives queued rows back. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.giveBack(this.queued.splice(0));
    await Promise.allSettled([...this.sends]);
    if (this.sentRetry) clearTimeout(this.sentRetry);
    if (this.sentQueue.length) await this.flushSent().catch((error: unknown) => this.log.warn({ err: error }, 'outbox: sent marks not recorded; those replies may be sent again'));
  }

  /** Releases claimed rows this worker will not send now (their attempt is not counted). */
  private async giveBack(rows: ReadonlyArray<OutboxRow>): Promise<void> {
    if (!rows.length) return;
    await this.sql
      .execute(
        this.runner,
        `UPDATE "OutboxMessage" SET "lockedBy" = NULL, "lockedUntil" = NULL, "attempts" = "attempts" - 1
         WHERE "id" IN (${rows.map(() => '?').join(', ')}) AND "status" = 'pending' AND "lockedBy" = ?`,
        ...rows.map((row) => row.id),
        this.options.instanceId,
      )
      .catch((error: unknown) => this.log.warn({ err: error }, 'outbox: could not give back claimed sends; they are taken over after the lock expires'));
    if (!this.stopped) this.notify();
  }

  /** Sends soon; called after a transaction wrote outbox rows. */
  notify(): void {
    if (this.running) this.wake = true;
    else if (!this.stopped) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      let full = false;
      this.running = this.pump()
        .then(({ asked, claimed }) => {
          full = asked > 0 && claimed >= asked;
        })
        .catch((error) => this.log.warn({ err: error }, 'outbox pass failed'))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          // A full claim may mean more is due; a finished send also asks again (notify).
          const again = this.wake || full;
          this.wake = false;
          this.schedule(again ? 0 : this.options.pollIntervalMs);
        });
    }, delayMs);
  }

  /**
   * Keeps the send slots busy: claims due rows into a local queue when it runs short (up to `batchSize`
   * per query, so a backlog costs few statements; claiming only twice the send slots was ~5 % slower in
   * a burst) and starts queued sends while slots are free (a queued claim that grew old is given back
   * instead). A finished send starts the next queued one at once and, when the queue runs short, asks
   * for more; so a row written now goes out as soon as a slot is free, not after the slowest send of a
   * whole batch (which held replies back ~100 ms at a steady 200 messages/s).
   */
  private async pump(): Promise<{ asked: number; claimed: number }> {
    let asked = 0;
    let claimed = 0;
    if (this.queued.length < this.options.concurrency) {
      asked = this.options.batchSize - this.queued.length;
      const rows = await this.claimDue(asked, this.queuedKeys());
      const claimedAt = Date.now();
      this.queued.push(...rows.map((row) => ({ ...row, claimedAt })));
      claimed = rows.length;
    }
    this.startQueued();
    return { asked, claimed };
  }

  private queuedKeys(): Set<string> {
    return new Set(this.queued.map((row) => row.orderKey));
  }

  private startQueued(): void {
    while (!this.stopped && this.inFlight.size < this.options.concurrency && this.queued.length) {
      const row = this.queued.shift()!;
      // Waited long enough that its claim could lapse while sending (slow sends ahead of it): give it
      // back rather than risk another instance sending it too.
      if (Date.now() - row.claimedAt > this.options.lockMs / 2) {
        void this.giveBack([row]);
        continue;
      }
      const sending: Promise<void> = this.sendOne(row)
        .catch((error: unknown) => this.log.warn({ err: error, outboxId: row.id }, 'outbox send could not be recorded'))
        .finally(() => {
          this.sends.delete(sending);
          this.startQueued();
          if (this.queued.length < this.options.concurrency) this.notify();
        });
      this.sends.add(sending);
    }
  }

  /**
   * Sends everything due now (the oldest due row of each order key, in parallel across keys) and waits
   * for it: for shutdown and tests. Returns rows attempted.
   */
  async pass(): Promise<number> {
    const rows = await this.claimDue(this.options.batchSize, this.queuedKeys());
    await Promise.all(rows.map((row) => this.permits.run(() => this.sendOne(row))));
    return rows.length;
  }

  /** Due heads of order keys not being sent (or queued) by this worker, claimed; at most `limit`. */
  private async claimDue(limit: number, queuedKeys: ReadonlySet<string> = new Set()): Promise<OutboxRow[]> {
    if (limit <= 0) return [];
    if (Date.now() - this.lastReclaim > (this.options.reclaimEveryMs ?? 2_000)) {
      await this.reclaim().catch((error) => this.log.warn({ err: error }, 'outbox reclaim failed'));
    }
    const now = this.clock.now();
    const due = await this.dueHeads(now, Math.min(this.options.batchSize, limit + this.busyKeys.size + queuedKeys.size));
    const heads = due.filter((row) => !this.busyKeys.has(row.orderKey) && !queuedKeys.has(row.orderKey)).slice(0, limit);
    if (!heads.length) return [];
    const claimed = await this.claim(heads, now);
    return heads.filter((row) => claimed.has(row.id));
  }

  /**
   * Keeps order: only the oldest pending row of each key, and only when it is due and not claimed (a row
   * backing off holds back the rows queued behind it).
   */
  private async dueHeads(now: Date, limit: number): Promise<OutboxRow[]> {
    const t = this.sql.time(now);
    const rows = await this.sql.query<OutboxRow>(
      this.runner,
      `SELECT o."id", o."channel", o."orderKey", o."ticketId", o."payload", o."attempts" FROM "OutboxMessage" o
       WHERE o."status" = 'pending' AND o."nextAttemptAt" <= ? AND (o."lockedUntil" IS NULL OR o."lockedUntil" < ?)
         AND o."id" = (SELECT min(i."id") FROM "OutboxMessage" i WHERE i."orderKey" = o."orderKey" AND i."status" = 'pending')
       ORDER BY o."id" LIMIT ?`,
      t,
      t,
      limit,
    );
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
  }

  /** One conditional UPDATE for the whole pass; returns the ids this instance got. */
  private async claim(rows: OutboxRow[], now: Date): Promise<Set<number>> {
    const ids = rows.map((r) => r.id);
    const got = await this.sql.query<{ id: unknown }>(
      this.runner,
      `UPDATE "OutboxMessage" SET "lockedBy" = ?, "lockedUntil" = ?, "attempts" = "attempts" + 1
       WHERE "id" IN (${ids.map(() => '?').join(', ')}) AND "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" < ?)
       RETURNING "id"`,
      this.options.instanceId,
      this.sql.time(new Date(now.getTime() + this.options.lockMs)),
      ...ids,
      this.sql.time(now),
    );
    return new Set(got.map((r) => Number(r.id)));
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    this.busyKeys.add(row.orderKey);
    this.inFlight.add(row.id);
    try {
      const result = await this.deliver(row);
      if (result.ok) await this.markSent({ id: row.id, externalRef: result.externalRef ?? null });
      else await this.record(row, result);
    } finally {
      this.busyKeys.delete(row.orderKey);
      this.inFlight.delete(row.id);
    }
  }

  private async deliver(row: OutboxRow): Promise<SendResult> {
    const sender = this.senders.get(row.channel as Channel);
    if (!sender) return { ok: false, retryable: false, error: `no sender configured for channel ${row.channel}` };
    try {
      return await sender.send(JSON.parse(row.payload) as Delivery, this.context(row));
    } catch (error) {
      return { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private context(row: OutboxRow): SendContext {
    const prisma = this.db.prisma;
    return {
      outboxId: String(row.id),
      getLink: async (ticketId, surface) => (await prisma.surfaceLink.findUnique({ where: { ticketId_surface: { ticketId, surface } } }))?.ref,
      setLink: async (ticketId, surface, ref) => {
        try {
          await prisma.surfaceLink.upsert({ where: { ticketId_surface: { ticketId, surface } }, create: { ticketId, surface, ref }, update: { ref } });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      },
    };
  }

  /**
   * Records a successful send (group commit): sends that finish while an earlier mark is being written
   * are marked together by the next statement, so a busy pass costs a few statements, not one per send,
   * and a send is marked within about one statement's time (until then a crash would send it again,
   * like any send in flight at a crash).
   */
  private markSent(row: { id: number; externalRef: string | null }): Promise<void> {
    this.sentQueue.push(row);
    return this.startFlush();
  }

  /** The flush in progress, or a new one: one writer of sent marks at a time. */
  private startFlush(): Promise<void> {
    this.sentFlush ??= this.flushSent().finally(() => {
      this.sentFlush = undefined;
    });
    return this.sentFlush;
  }

  private async flushSent(): Promise<void> {
    while (this.sentQueue.length) {
      // Sends completing in the same turn of the event loop join this statement.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const marks = this.sentQueue.splice(0);
      try {
        await this.recordSent(marks);
      } catch (error) {
        // The database is unavailable: keep the marks and try again shortly (until then the rows stay
        // claimed, so nothing else sends them).
        this.sentQueue.unshift(...marks);
        this.sentRetry ??= setTimeout(() => {
          this.sentRetry = undefined;
          if (this.sentQueue.length) this.startFlush().catch((retryError: unknown) => this.log.warn({ err: retryError }, 'outbox: sent marks not recorded yet'));
        }, SENT_RETRY_MS);
        throw error;
      }
    }
  }

  private async recordSent(sent: ReadonlyArray<{ id: number; externalRef: string | null }>): Promise<void> {
    for (let i = 0; i < sent.length; i += SENT_PER_STATEMENT) {
      const chunk = sent.slice(i, i + SENT_PER_STATEMENT);
      await this.sql.execute(
        this.runner,
        `UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ?, "lockedBy" = NULL, "lockedUntil" = NULL,
           "externalRef" = CASE "id" ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END
         WHERE "id" IN (${chunk.map(() => '?').join(', ')})`,
        this.sql.time(this.clock.now()),
        ...chunk.flatMap((row) => [row.id, row.externalRef]),
        ...chunk.map((row) => row.id),
      );
    }
  }

  private async record(row: OutboxRow, result: Extract<SendResult, { ok: false }>): Promise<void> {
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    const dead = !result.retryable || attempts >= this.options.maxAttempts;
    const backoff = Math.min(15 * 60_000, 1000 * 2 ** Math.min(attempts, 12));
    const wait = result.retryable && result.retryAfterMs !== undefined ? Math.max(result.retryAfterMs, 0) : backoff;
    this.log.warn({ outboxId: row.id, channel: row.channel, attempts, dead, error: result.error }, 'outbox send failed');
    if (!dead) {
      await this.db.prisma.outboxMessage.update({
        where: { id: row.id },
        data: { lastError: result.error.slice(0, 1000), nextAttemptAt: new Date(now.getTime() + wait), lockedBy: null, lockedUntil: null },
      });
      return;
    }
    // The dead letter and its event on the ticket's trail commit together: a failure between two writes
    // would leave a reply undelivered with nothing on the ticket saying so.
    await this.db.prisma.$transaction(async (tx) => {
      await tx.outboxMessage.update({
        where: { id: row.id },
        data: { status: 'dead', lastError: result.error.slice(0, 1000), lockedBy: null, lockedUntil: null },
      });
      if (row.ticketId) {
        await recordEvent(tx, {
          ticketId: row.ticketId,
          type: 'delivery_failed',
          actor: { kind: 'system' },
          at: now,
          data: { outboxId: row.id, channel: row.channel, error: result.error.slice(0, 300), reason: 'reason' in result ? result.reason : undefined },
        });
      }
    });
  }
}
