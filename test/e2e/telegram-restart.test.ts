/**
 * Crash safety through the fake Bot API: the service runs as `npm start` does (a child process), is
 * SIGKILLed in the middle of a burst of messages and started again. Nothing Telegram was told we have
 * (offset moved past it) may be lost, and nothing may be processed twice: one inbox row and one stored
 * message per update, distinct ticket numbers, every user answered after the restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, providers, type TestDatabase } from '../support/databases.ts';
import { startFakeTelegramApi, user, type FakeTelegramApi } from '../fakes/telegram-api/index.ts';
import { spawnService, type ChildService } from './support/child-service.ts';
import { waitUntil } from './support/service.ts';

const USERS = 20;
const PER_USER = 10;
const QUESTIONS = ['I forgot my password', 'VPN does not connect', 'Printer is jammed', 'Outlook does not sync', 'Wi-Fi keeps dropping'];

describe.each(providers)('Telegram: SIGKILL and restart mid-run on %s', (provider) => {
  let tg: FakeTelegramApi | undefined;
  let db: TestDatabase | undefined;
  const children: ChildService[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()));
    await tg?.close();
    await db?.destroy();
    tg = db = undefined;
  });

  it(`loses nothing acknowledged and processes nothing twice (${USERS * PER_USER} messages, ${USERS} users)`, { timeout: 120_000 }, async () => {
    tg = await startFakeTelegramApi();
    db = await createTestDatabase(provider);
    const prisma = db.prisma;
    const env = {
      DATABASE_URL: db.url,
      PORT: '0',
      KNOWLEDGE_WATCH: 'false',
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_POLL_TIMEOUT_SEC: '1',
      TELEGRAM_RATE_GLOBAL_PER_SEC: '1000',
      TELEGRAM_RATE_PER_CHAT_PER_SEC: '1000',
      // The dead instance's poller lease and heartbeat must expire before the new one polls and reclaims
      // its sends: a short TTL keeps the test quick (the default is 10 s).
      LEASE_TTL_MS: '2000',
    };
    const first = await spawnService({ ...env, INSTANCE_ID: 'e2e-first' });
    children.push(first);

    const users = Array.from({ length: USERS }, (_, i) => user(60_000 + i));
    const queued = new Map<number, string>(); // update_id -> inbox external id
    for (let round = 0; round < PER_USER; round++) {
      for (const [i, u] of users.entries()) {
        const update = tg.userSays(u, `${QUESTIONS[(i + round) % QUESTIONS.length]} (#${round})`);
        const message = update['message'] as { message_id: number };
        queued.set(update.update_id, `m:${u.id}:${message.message_id}`);
      }
    }
    const total = USERS * PER_USER;

    // Kill it mid-run: right after Telegram was told about a first full batch (the offset moved past
    // it), while the next batch is being stored and processed.
    await waitUntil('a batch acknowledged', () => tg!.state.updates.length <= total - 100, 60_000, 5);
    await first.kill();
    const stored = new Set((await prisma.inboxEvent.findMany({ select: { externalId: true } })).map((r) => r.externalId));
    const doneAtKill = await prisma.inboxEvent.count({ where: { status: 'done' } });
    // Really dead: nothing moves in the database any more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await prisma.inboxEvent.count()).toBe(stored.size);
    expect(await prisma.inboxEvent.count({ where: { status: 'done' } })).toBe(doneAtKill);
    // Telegram forgets what is below the last offset we asked with: every such update must be stored.
    const remaining = new Set(tg.state.updates.map((u) => u.update_id));
    const acknowledged = [...queued].filter(([id]) => !remaining.has(id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    expect(acknowledged.filter(([, externalId]) => !stored.has(externalId))).toEqual([]);
    expect(stored.size).toBeLessThan(total); // really mid-run

    const restartAt = performance.now();
    const second = await spawnService({ ...env, INSTANCE_ID: 'e2e-second' });
    children.push(second);
    const upAt = performance.now();
    await waitUntil('all confirmed', () => tg!.state.updates.length === 0, 60_000, 50);
    await waitUntil('all processed', async () => (await prisma.inboxEvent.count({ where: { status: { not: 'done' } } })) === 0, 60_000, 100);
    const processedAt = performance.now();
    await waitUntil('outbox drained', async () => (await prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0, 60_000, 100);
    const drainedAt = performance.now();
    await second.stop();

    const rows = await prisma.inboxEvent.findMany({ select: { externalId: true } });
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.externalId))).toEqual(new Set(queued.values()));
    const inbound = await prisma.message.findMany({ where: { direction: 'in' }, select: { externalId: true, ticketId: true } });
    expect(inbound).toHaveLength(total);
    expect(new Set(inbound.map((m) => m.externalId)).size).toBe(total);
    expect(inbound.filter((m) => m.ticketId === null)).toEqual([]);
    const tickets = await prisma.ticket.findMany({ select: { id: true, number: true } });
    expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
    expect(await prisma.ticketEvent.count({ where: { type: 'created' } })).toBe(tickets.length);
    expect(users.filter((u) => tg!.sentTo(u.id).length === 0).map((u) => u.id)).toEqual([]);
    console.info(`[telegram-restart ${provider}] killed with ${stored.size}/${total} stored (${doneAtKill} processed, ${acknowledged.length} acknowledged); after restart ${tickets.length} tickets, ${tg.state.sent.length} messages sent; restart: up in ${((upAt - restartAt) / 1000).toFixed(1)} s, inbox done +${((processedAt - upAt) / 1000).toFixed(1)} s, outbox drained +${((drainedAt - processedAt) / 1000).toFixed(1)} s`);
  });
});
