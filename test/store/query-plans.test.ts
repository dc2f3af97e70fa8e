/**
 * The statements of the message path must find their rows through an index: a full table scan costs
 * nothing in a test database and grows with every message and ticket ever stored (a year of history
 * would make every message slow). The statements are the ones a whole conversation actually prepared.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Plan lines that read a whole table (a multi-row VALUES list is not a table). */
function fullScans(plan: string[]): string[] {
  return plan.filter((line) => /^SCAN /.test(line) && !/USING (COVERING )?INDEX|VALUES CLAUSE|CONSTANT ROW/.test(line));
}

/**
 * A statement that names a row or a conversation by an identifier (`"conversationId" = ?`, `"id" = ?`)
 * must search by one of those identifiers; an index on something broader (`status = ?`) still reads a
 * share of the whole history.
 */
function unusedIdentifiers(sql: string, plan: string[]): string[] {
  const identifiers = [...sql.matchAll(/"(\w*(?:Id|Key|id))" = \?/g)].map((m) => m[1]!);
  if (!identifiers.length) return [];
  const searched = plan.join(' ');
  const used = identifiers.some((column) => new RegExp(`\\b${column}=`).test(searched) || (/^(id|rowid)$/.test(column) && /PRIMARY KEY|rowid=/.test(searched)));
  return used ? [] : [`searches without any of ${identifiers.join(', ')}: ${plan.join('; ')}`];
}

describe('query plans on SQLite', () => {
  it('no statement of a conversation scans a whole table or searches more than its own rows', async () => {
    h = await createHarness('sqlite');
    await h.send({ from: 'alice', text: 'I forgot my password and cannot log in to my computer' });
    const answer = h.terminal.repliesTo('alice').at(-1)!;
    await h.press('alice', answer.buttons!.flat().find((b) => b.label === "Didn't help")!.payload);
    const ticketId = h.slack.notices().find((n) => n.kind === 'ticket_escalated')!.card.ticketId;
    await h.agent({ agent: { externalUserId: 'U-BOB', displayName: 'Bob' }, ticket: { ticketId }, action: { type: 'take' } });
    await h.agent({ agent: { externalUserId: 'U-BOB' }, ticket: { ticketId }, action: { type: 'resolve', text: 'Unlocked.' } });
    await h.send({ from: 'alice', text: 'it is locked again' });
    await h.send({ from: 'bob', text: 'vpn does not connect' });

    const statements = h.db.direct!.preparedSql().filter((sql) => !/^\s*(SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA)/i.test(sql));
    expect(statements.length).toBeGreaterThan(15);
    const connection = await import('better-sqlite3').then((m) => new m.default(h!.db.url.replace(/^file:/, ''), { readonly: true }));
    try {
      const offenders = statements.flatMap((sql) => {
        const parameters = Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
        const plan = connection.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters).map((row) => row.detail);
        const problems = [...fullScans(plan), ...unusedIdentifiers(sql, plan)];
        return problems.length ? [`${problems.join('; ')} <- ${sql.replace(/\s+/g, ' ').slice(0, 160)}`] : [];
      });
      expect(offenders).toEqual([]);
      // The outbox's next row per chat: by chat and status, not through every row the chat was ever sent.
      const head = statements.find((sql) => sql.includes('min(i."id")'));
      expect(head).toBeDefined();
      const plan = connection.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${head!}`).all(...Array<null>((head!.match(/\?/g) ?? []).length).fill(null));
      expect(plan.map((row) => row.detail).join('; ')).toMatch(/orderKey=\? AND status=\?/);
      // The inbox's pending events of a conversation: likewise, not through its whole history (a chat is
      // one conversation for years).
      const pending = statements.find((sql) => /FROM "InboxEvent" WHERE "conversationKey" = \? AND "status" = 'pending'/.test(sql));
      expect(pending).toBeDefined();
      const pendingPlan = connection.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${pending!}`).all(...Array<null>((pending!.match(/\?/g) ?? []).length).fill(null));
      expect(pendingPlan.map((row) => row.detail).join('; ')).toMatch(/conversationKey=\? AND status=\?/);
    } finally {
      connection.close();
    }
  });
});
