/** Reads the service's database (SQLite file or PostgreSQL) for progress and the final counts. */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Turn } from './latency.ts';

export interface Progress {
  stored: number;
  inboxPending: number;
  outboxPending: number;
}

export interface Final {
  stored: number;
  inboxByStatus: Record<string, number>;
  inboundMessages: number;
  inboundWithoutTicket: number;
  tickets: number;
  outboxSent: number;
  outboxDead: number;
  /** (channel, externalId) stored more than once in the inbox or the transcript. */
  duplicateRows: number;
  /** Inbound messages that opened more than one ticket ("created" events linked to one message). */
  storedExternalIds: Set<string>;
  leaseHolders: Record<string, string>;
}

export interface Inspector {
  progress(): Promise<Progress>;
  final(): Promise<Final>;
  leaseHolder(name: string): Promise<string | undefined>;
  /** Per inbound Telegram message (external id): when its turn ran and the message id of its first reply. */
  turns(): Promise<Map<string, Turn>>;
  close(): Promise<void>;
}

const PROGRESS = `SELECT
  (SELECT count(*) FROM "InboxEvent") AS stored,
  (SELECT count(*) FROM "InboxEvent" WHERE "status" = 'pending') AS "inboxPending",
  (SELECT count(*) FROM "OutboxMessage" WHERE "status" = 'pending') AS "outboxPending"`;

const QUERIES = {
  byStatus: `SELECT "status", count(*) AS n FROM "InboxEvent" GROUP BY "status"`,
  inbound: `SELECT count(*) AS n, sum(CASE WHEN "ticketId" IS NULL THEN 1 ELSE 0 END) AS "noTicket" FROM "Message" WHERE "direction" = 'in'`,
  tickets: `SELECT count(*) AS n FROM "Ticket"`,
  outbox: `SELECT "status", count(*) AS n FROM "OutboxMessage" GROUP BY "status"`,
  dupInbox: `SELECT count(*) AS n FROM (SELECT 1 FROM "InboxEvent" GROUP BY "channel", "externalId" HAVING count(*) > 1) d`,
  dupMessages: `SELECT count(*) AS n FROM (SELECT 1 FROM "Message" WHERE "direction" = 'in' GROUP BY "channel", "externalId" HAVING count(*) > 1) d`,
  ids: `SELECT "externalId" FROM "InboxEvent"`,
  outboxRows: `SELECT "orderKey", "createdAt", "externalRef" FROM "OutboxMessage" ORDER BY "id"`,
  inboundRows: `SELECT m."externalId", m."createdAt", c."conversationKey" FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId" WHERE m."direction" = 'in' AND m."channel" = 'telegram'`,
  leases: `SELECT "name", "holder", "expiresAt" FROM "Lease"`,
};

export async function openInspector(databaseUrl: string): Promise<Inspector> {
  if (/^postgres/.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const all = async (sql: string) => (await pool.query(sql)).rows as Array<Record<string, unknown>>;
    return build(all, () => pool.end());
  }
  const db = new BetterSqlite3(databaseUrl.replace(/^file:/, ''), { readonly: true, timeout: 10_000 });
  const all = async (sql: string) => db.prepare(sql).all() as Array<Record<string, unknown>>;
  return build(all, async () => {
    db.close();
  });
}

function build(all: (sql: string) => Promise<Array<Record<string, unknown>>>, close: () => Promise<void>): Inspector {
  const n = (value: unknown) => Number(value ?? 0);
  return {
    async progress() {
      const row = (await all(PROGRESS))[0]!;
      return { stored: n(row['stored']), inboxPending: n(row['inboxPending']), outboxPending: n(row['outboxPending']) };
    },
    async final() {
      const byStatus = Object.fromEntries((await all(QUERIES.byStatus)).map((r) => [String(r['status']), n(r['n'])]));
      const inbound = (await all(QUERIES.inbound))[0]!;
      const outbox = Object.fromEntries((await all(QUERIES.outbox)).map((r) => [String(r['status']), n(r['n'])]));
      const leases = await all(QUERIES.leases);
      return {
        stored: Object.values(byStatus).reduce((a, b) => a + b, 0),
        inboxByStatus: byStatus,
        inboundMessages: n(inbound['n']),
        inboundWithoutTicket: n(inbound['noTicket']),
        tickets: n((await all(QUERIES.tickets))[0]!['n']),
        outboxSent: outbox['sent'] ?? 0,
        outboxDead: outbox['dead'] ?? 0,
        duplicateRows: n((await all(QUERIES.dupInbox))[0]!['n']) + n((await all(QUERIES.dupMessages))[0]!['n']),
        storedExternalIds: new Set((await all(QUERIES.ids)).map((r) => String(r['externalId']))),
        leaseHolders: Object.fromEntries(leases.map((r) => [String(r['name']), String(r['holder'])])),
      };
    },
    async leaseHolder(name) {
      const rows = await all(QUERIES.leases);
      const now = Date.now();
      const row = rows.find((r) => r['name'] === name && new Date(r['expiresAt'] as string | number).getTime() > now);
      return row ? String(row['holder']) : undefined;
    },
    async turns() {
      const ms = (value: unknown) => (value instanceof Date ? value.getTime() : new Date(String(value)).getTime());
      // A turn's rows share its timestamp; the first one written is its first reply.
      const firstReply = new Map<string, number | undefined>();
      for (const row of await all(QUERIES.outboxRows)) {
        const key = `${String(row['orderKey'])}|${ms(row['createdAt'])}`;
        if (!firstReply.has(key)) firstReply.set(key, row['externalRef'] == null ? undefined : Number(row['externalRef']));
      }
      const turns = new Map<string, Turn>();
      for (const row of await all(QUERIES.inboundRows)) {
        const processedAt = ms(row['createdAt']);
        const firstReplyId = firstReply.get(`telegram:${String(row['conversationKey'])}|${processedAt}`);
        turns.set(String(row['externalId']), firstReplyId === undefined ? { processedAt } : { processedAt, firstReplyId });
      }
      return turns;
    },
    close,
  };
}
