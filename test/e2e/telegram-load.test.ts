/**
 * Load through the whole service: 1,000 messages from 100 users via the fake Bot API in polling mode,
 * the first message of every user arriving at once (100 first contacts in one getUpdates batch). Every
 * update must be stored exactly once, every user answered, every ticket number distinct.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { providers } from '../support/databases.ts';
import { startFakeTelegramApi, user, type FakeTelegramApi } from '../fakes/telegram-api/index.ts';
import { startE2EService, waitUntil, type E2EService } from './support/service.ts';

const USERS = 100;
const PER_USER = 10;
const QUESTIONS = [
  'I forgot my password',
  'VPN does not connect from home',
  'The printer on floor 3 is jammed',
  'My laptop is very slow',
  'Outlook does not sync my mail',
  'How do I get access to the shared drive?',
  'Zoom has no sound',
  'Я забыл пароль от почты',
  'Need a new monitor',
  'Wi-Fi keeps dropping',
];

describe.each(providers)('Telegram load on %s', (provider) => {
  let tg: FakeTelegramApi | undefined;
  let app: E2EService | undefined;
  afterEach(async () => {
    await app?.stop();
    await tg?.close();
    app = tg = undefined;
  });

  it(`stores ${USERS * PER_USER} messages from ${USERS} users exactly once, answers everyone, numbers tickets distinctly`, { timeout: 420_000 }, async () => {
    tg = await startFakeTelegramApi();
    app = await startE2EService(provider, {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_POLL_TIMEOUT_SEC: '1',
      TELEGRAM_RATE_GLOBAL_PER_SEC: '1000',
      TELEGRAM_RATE_PER_CHAT_PER_SEC: '1000',
    });
    const prisma = app.service.db.prisma;
    const started = performance.now();

    const users = Array.from({ length: USERS }, (_, i) => user(50_000 + i, { first_name: `Load${i}` }));
    // Round 0 is 100 first contacts at once; later rounds interleave all users.
    for (let round = 0; round < PER_USER; round++) {
      for (const [i, u] of users.entries()) tg.userSays(u, `${QUESTIONS[(i + round) % QUESTIONS.length]} (#${round})`);
    }
    const total = USERS * PER_USER;

    await waitUntil('all updates confirmed to Telegram', () => tg!.state.updates.length === 0, 120_000, 50);
    const storedAt = performance.now();
    await waitUntil('inbox processed', async () => (await prisma.inboxEvent.count({ where: { status: 'pending' } })) === 0, 120_000, 100);
    const processedAt = performance.now();
    await waitUntil('outbox drained', async () => (await prisma.outboxMessage.count({ where: { status: 'pending' } })) === 0, 120_000, 100);
    const drainedAt = performance.now();

    const rows = await prisma.inboxEvent.findMany({ select: { externalId: true, status: true, conversationKey: true } });
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(total);
    expect(rows.filter((r) => r.status !== 'done')).toEqual([]);
    expect(new Set(rows.map((r) => r.conversationKey)).size).toBe(USERS);

    // Every user got answers in their own chat; nothing was dead-lettered.
    const unanswered = users.filter((u) => tg!.sentTo(u.id).length === 0).map((u) => u.id);
    expect(unanswered).toEqual([]);
    expect(await prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);

    // Tickets: every user has at least one; numbers never collide; each stored message belongs to a ticket.
    const tickets = await prisma.ticket.findMany({ select: { number: true, requesterId: true } });
    expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
    expect(new Set(tickets.map((t) => t.requesterId)).size).toBe(USERS);
    const inbound = await prisma.message.findMany({ where: { direction: 'in', channel: 'telegram' }, select: { externalId: true, ticketId: true } });
    expect(inbound).toHaveLength(total);
    expect(new Set(inbound.map((m) => m.externalId)).size).toBe(total);
    expect(inbound.filter((m) => m.ticketId === null)).toEqual([]);

    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    console.info(
      `[telegram-load ${provider}] ${total} updates: confirmed ${seconds(storedAt - started)} s, processed ${seconds(processedAt - started)} s, replies sent ${seconds(drainedAt - started)} s; ` +
        `${tickets.length} tickets, ${tg.state.sent.length} messages sent`,
    );
  });
});
