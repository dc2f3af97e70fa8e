/**
 * The IntakePort over the inbox table: an event is stored under its unique (channel, external id) before
 * the adapter acknowledges it. A replay hits the unique key and is reported as a duplicate, so 50 copies
 * of one delivery store one row. After storing, the worker is poked to process it. Concurrent events are
 * stored together in one statement (see InboxIntake).
 */
import type { Database } from '../store/database.ts';
import type { IntakeEvent, IntakePort, IntakeResult } from '../model/intake.ts';
import { Sql, toInt, type Runner } from '../store/sql.ts';
import { systemClock, type Clock } from '../clock.ts';

/** Longest text we store for one message; Slack allows 40,000 characters. Longer input is cut, not refused. */
export const STORED_TEXT_MAX = 40_000;

export function eventKey(event: IntakeEvent): { channel: string; externalId: string; conversationKey: string } {
  if (event.kind === 'requester') {
    const m = event.message;
    return { channel: m.channel, externalId: noNul(m.externalId), conversationKey: noNul(`${m.channel}:${m.conversationKey}`) };
  }
  const c = event.command;
  const ticket = 'ticketId' in c.ticket ? c.ticket.ticketId : `${c.ticket.surface}:${c.ticket.ref}`;
  return { channel: c.channel, externalId: noNul(`agent:${c.externalId}`), conversationKey: noNul(`ticket:${ticket}`) };
}

/**
 * Cuts text to STORED_TEXT_MAX without splitting a surrogate pair, and replaces lone surrogates (from a
 * platform or client that cut an emoji in half) with U+FFFD: the database drivers refuse them.
 */
export function cleanText(text: string): string {
  if (text.length <= STORED_TEXT_MAX) return text.toWellFormed();
  const cut = text.slice(0, STORED_TEXT_MAX);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).toWellFormed();
}

function clamp(event: IntakeEvent): IntakeEvent {
  if (event.kind === 'requester') return { kind: 'requester', message: { ...event.message, text: cleanText(event.message.text) } };
  const action = event.command.action;
  if ('text' in action && typeof action.text === 'string') {
    return { kind: 'agent', command: { ...event.command, action: { ...action, text: cleanText(action.text) } } };
  }
  return event;
}

/**
 * NUL characters become U+FFFD in every string of a stored event: PostgreSQL refuses them in text
 * columns, so a message carrying one (a platform passes them through) could never be processed there.
 */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? noNul(value) : value;
}

/** The key columns too: one NUL there would fail the whole multi-row insert it is part of. */
function noNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

interface Waiting {
  event: IntakeEvent;
  key: ReturnType<typeof eventKey>;
  resolve: (result: IntakeResult) => void;
  reject: (error: unknown) => void;
}

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const BATCH_MAX = 500;

/**
 * Events accepted while a write is in flight are stored together by the next one (group commit): one
 * multi-row INSERT for a polled batch or a burst of webhooks, in call order, so inbox ids (the processing
 * order of a conversation) follow arrival order. Each caller still learns about its own event only after
 * the statement that stored it committed.
 */
export class InboxIntake implements IntakePort {
  private readonly queue: Waiting[] = [];
  private flushing = false;
  private readonly sql: Sql;
  /** Raw statements, directly on SQLite's connection when no transaction is open (store/direct-sqlite.ts). */
  private readonly runner: Runner;

  constructor(
    db: Pick<Database, 'prisma' | 'provider' | 'direct' | 'directPg'>,
    /** `behindOthers`: older events of the conversation were pending when it was stored (PostgreSQL only). */
    private readonly onStored: (conversationKey: string, behindOthers: boolean) => void = () => {},
    private readonly clock: Clock = systemClock,
  ) {
    this.sql = new Sql(db.provider);
    this.runner = db.direct?.outside(db.prisma) ?? db.directPg?.outside(db.prisma) ?? db.prisma;
  }

  accept(event: IntakeEvent): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, key: eventKey(event), resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, BATCH_MAX);
      try {
        const { results, behind } = await this.store(batch);
        batch.forEach((item, i) => {
          if (results[i]!.stored) this.onStored(item.key.conversationKey, behind.has(results[i]!.inboxId));
          item.resolve(results[i]!);
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = false;
  }

  private async store(batch: Waiting[]): Promise<{ results: IntakeResult[]; behind: Set<string> }> {
    const now = this.sql.time(this.clock.now());
    const params: unknown[] = [];
    const rows = batch.map((item) => {
      params.push(item.key.channel, item.key.externalId, item.event.kind, item.key.conversationKey, JSON.stringify(clamp(item.event), withoutNul), now);
      return '(?, ?, ?, ?, ?, ?)';
    });
    // PostgreSQL (several instances): whether older events of the conversation were pending, committed
    // before this statement began, so the worker can tell that another instance is likely processing it.
    const behindOthers =
      this.sql.provider === 'postgres'
        ? `, EXISTS (SELECT 1 FROM "InboxEvent" p WHERE p."conversationKey" = "InboxEvent"."conversationKey" AND p."status" = 'pending' AND p."id" < "InboxEvent"."id") AS "behind"`
        : '';
    const inserted = await this.sql.query<{ id: unknown; channel: string; externalId: string; behind?: boolean }>(
      this.runner,
      `INSERT INTO "InboxEvent" ("channel", "externalId", "kind", "conversationKey", "payload", "createdAt") VALUES ${rows.join(', ')}
       ON CONFLICT ("channel", "externalId") DO NOTHING RETURNING "id", "channel", "externalId"${behindOthers}`,
      ...params,
    );
    const behind = new Set(inserted.filter((r) => r.behind === true).map((r) => String(toInt(r.id))));
    const fresh = new Map(inserted.map((r) => [`${r.channel}\u0000${r.externalId}`, String(toInt(r.id))]));
    const existing = await this.existingIds(batch.filter((item) => !fresh.has(keyOf(item))));
    const claimed = new Set<string>();
    const results = batch.map((item): IntakeResult => {
      const key = keyOf(item);
      const id = fresh.get(key);
      if (id !== undefined && !claimed.has(key)) {
        claimed.add(key);
        return { stored: true, duplicate: false, inboxId: id };
      }
      return { stored: false, duplicate: true, inboxId: id ?? existing.get(key) ?? '' };
    });
    return { results, behind };
  }

  /** Ids of events stored before (replays and retries). */
  private async existingIds(items: Waiting[]): Promise<Map<string, string>> {
    if (!items.length) return new Map();
    const found = new Map<string, string>();
    for (const channel of new Set(items.map((i) => i.key.channel))) {
      const ids = items.filter((i) => i.key.channel === channel).map((i) => i.key.externalId);
      const rows = await this.sql.query<{ id: unknown; externalId: string }>(
        this.runner,
        `SELECT "id", "externalId" FROM "InboxEvent" WHERE "channel" = ? AND "externalId" IN (${ids.map(() => '?').join(', ')})`,
        channel,
        ...ids,
      );
      for (const row of rows) found.set(`${channel}\u0000${row.externalId}`, String(toInt(row.id)));
    }
    return found;
  }
}

function keyOf(item: Waiting): string {
  return `${item.key.channel}\u0000${item.key.externalId}`;
}

/** Revives dates after the JSON round trip. */
export function parseStoredEvent(payload: string): IntakeEvent {
  const event = JSON.parse(payload) as IntakeEvent;
  if (event.kind === 'requester') event.message.receivedAt = new Date(event.message.receivedAt);
  else event.command.receivedAt = new Date(event.command.receivedAt);
  return event;
}
