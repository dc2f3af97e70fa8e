/**
 * The whole service (startService from a parsed environment) against the fake Bot API on loopback, on
 * every configured database: a Telegram user asks, gets an article, says it didn't help; the ticket
 * opens a topic in the agents' forum group; Bob takes it, the conversation goes both ways, an internal
 * note stays internal, Bob resolves and the user rates. Also: strangers in the agents' group, forged
 * webhook requests and update kinds we don't handle change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { providers } from '../support/databases.ts';
import { buttonPress, groupChat, startFakeTelegramApi, topicMessage, user, type FakeTelegramApi, type SentMessage } from '../fakes/telegram-api/index.ts';
import { startE2EService, waitUntil, type E2EService } from './support/service.ts';

const GROUP = -1003000000001;
const BOB = user(7001, { first_name: 'Bob' });
const MALLORY = user(7666, { first_name: 'Mallory' });
const ALICE = user(4242, { first_name: 'Alice <b>&', language_code: 'en' });

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> };
const buttonsOf = (message: SentMessage | undefined) => ((message?.replyMarkup as Keyboard | undefined)?.inline_keyboard ?? []).flat();
const button = (message: SentMessage | undefined, label: RegExp) => {
  const found = buttonsOf(message).find((b) => label.test(b.text));
  if (!found?.callback_data) throw new Error(`no button ${label} on ${JSON.stringify(message?.replyMarkup)}`);
  return found.callback_data;
};

describe.each(providers)('Telegram end to end on %s', (provider) => {
  let tg: FakeTelegramApi | undefined;
  let app: E2EService | undefined;
  afterEach(async () => {
    await app?.stop();
    await tg?.close();
    app = tg = undefined;
  });

  async function start(extra: Record<string, string> = {}) {
    tg = await startFakeTelegramApi({ chats: [{ id: GROUP, type: 'supergroup', title: 'Support agents', is_forum: true }] });
    app = await startE2EService(provider, {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_AGENT_CHAT_ID: String(GROUP),
      TELEGRAM_POLL_TIMEOUT_SEC: '1',
      TELEGRAM_RATE_PER_CHAT_PER_SEC: '1000',
      TELEGRAM_RATE_PER_GROUP_PER_MIN: '60000',
      TELEGRAM_RATE_GLOBAL_PER_SEC: '1000',
      FRONTLINE_AGENTS: JSON.stringify([{ name: 'Bob', telegram: BOB.id }]),
      ...extra,
    });
    return { tg, app, prisma: app.service.db.prisma };
  }

  /** Escalates Alice's password question into a topic; returns the ticket, the topic and its card. */
  async function escalateAliceQuestion(tg: FakeTelegramApi, prisma: E2EService['service']['db']['prisma']) {
    tg.userSays(ALICE, 'I forgot my password <b>&</b> cannot log in');
    await tg.waitFor(() => tg.sentTo(ALICE.id).some((m) => buttonsOf(m).length > 0), 10_000);
    const article = tg.sentTo(ALICE.id).find((m) => buttonsOf(m).length > 0)!;
    tg.enqueue(buttonPress(ALICE, 'q-no', button(article, /didn.t help/i), { id: ALICE.id, type: 'private' }, article.messageId));
    await tg.waitFor(() => tg!.state.topics.length === 1 && tg!.sentTo(GROUP).length >= 1, 10_000);
    const ticket = await prisma.ticket.findFirstOrThrow();
    const topic = tg.state.topics[0]!;
    const card = tg.sentTo(GROUP).find((m) => m.threadId === topic.threadId && buttonsOf(m).length > 0)!;
    return { article, ticket, topic, card };
  }

  it('plays question -> article -> didn\'t help -> topic -> take -> both ways -> note -> resolve -> CSAT', async () => {
    const { tg, prisma } = await start();
    const { article, ticket, topic, card } = await escalateAliceQuestion(tg, prisma);

    // The article answer: Telegram HTML, with the bot's buttons.
    expect(article.parseMode).toBe('HTML');
    expect(article.text).toMatch(/password/i);
    expect(buttonsOf(article).map((b) => b.text)).toEqual(expect.arrayContaining([expect.stringMatching(/didn.t help/i)]));
    expect(tg.state.answeredCallbacks).toContain('q-no');
    await tg.waitFor(() => tg.sentTo(ALICE.id).some((m) => /engineer/i.test(m.text)));

    // The topic and the ticket card in the agents' group; the user's text arrives escaped, never as markup.
    const number = `FL-${String(ticket.number).padStart(5, '0')}`;
    expect(topic.name).toContain(number);
    expect(card.parseMode).toBe('HTML');
    expect(card.text).toContain(number);
    expect(card.text).toContain('I forgot my password <b>&</b> cannot log in');
    expect(card.html).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(card.html).not.toContain('<b>&</b>');
    // The requester's name is user input too.
    expect(card.text).toContain('Alice <b>&');
    expect(card.html).toContain('Alice &lt;b&gt;&amp;');
    expect(buttonsOf(card).map((b) => b.text)).toEqual(expect.arrayContaining([expect.stringMatching(/take/i), expect.stringMatching(/resolve/i)]));

    // Bob takes the ticket from the card.
    tg.enqueue(buttonPress(BOB, 'q-take', button(card, /take/i), groupChat(GROUP), card.messageId, { message_thread_id: topic.threadId, is_topic_message: true }));
    await tg.waitFor(() => tg.sentTo(ALICE.id).some((m) => /Bob/.test(m.text) && /taken/i.test(m.text)));
    expect(tg.state.answeredCallbacks).toContain('q-take');
    await tg.waitFor(() => tg.sentTo(GROUP).some((m) => m.threadId === topic.threadId && /Status: assigned/.test(m.text) && /Bob/.test(m.text)));

    // Bob -> Alice.
    tg.enqueue(topicMessage(GROUP, BOB, 9001, topic.threadId, 'Are you in the office or remote? <i>x</i> & y'));
    await tg.waitFor(() => tg.sentTo(ALICE.id).some((m) => m.text.includes('Are you in the office or remote?')));
    const fromBob = tg.sentTo(ALICE.id).find((m) => m.text.includes('Are you in the office or remote?'))!;
    expect(fromBob.text).toContain('<i>x</i> & y');

    // Alice -> topic (escaped).
    const groupBefore = tg.sentTo(GROUP).length;
    tg.userSays(ALICE, 'Remote, at home <3 & "quoted"');
    await tg.waitFor(() => tg.sentTo(GROUP).slice(groupBefore).some((m) => m.text.includes('Remote, at home <3 & "quoted"')));
    const relayed = tg.sentTo(GROUP).slice(groupBefore).find((m) => m.text.includes('Remote, at home'))!;
    expect(relayed.threadId).toBe(topic.threadId);
    expect(relayed.html).toContain('&lt;3 &amp;');

    // An internal note from Bob: stored, never sent to Alice.
    tg.enqueue(topicMessage(GROUP, BOB, 9002, topic.threadId, '// probably an AD lockout'));
    await waitUntil('internal note stored', async () => (await prisma.ticketEvent.count({ where: { ticketId: ticket.id, type: 'internal_note' } })) === 1);

    // Bob resolves from the card; Alice gets the CSAT question and presses 5.
    tg.enqueue(buttonPress(BOB, 'q-resolve', button(card, /resolve/i), groupChat(GROUP), card.messageId, { message_thread_id: topic.threadId, is_topic_message: true }));
    await tg.waitFor(() => tg.sentTo(ALICE.id).some((m) => buttonsOf(m).some((b) => b.text === '5')));
    const csat = tg.sentTo(ALICE.id).find((m) => buttonsOf(m).some((b) => b.text === '5'))!;
    tg.enqueue(buttonPress(ALICE, 'q-csat', button(csat, /^5$/), { id: ALICE.id, type: 'private' }, csat.messageId));
    await waitUntil('CSAT stored', async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).csat === 5);
    await tg.waitFor(() => tg.sentTo(ALICE.id).some((m) => /5\/5/.test(m.text)));

    expect(tg.sentTo(ALICE.id).some((m) => /AD lockout/.test(m.text))).toBe(false);
    await tg.waitFor(() => tg.sentTo(GROUP).some((m) => m.threadId === topic.threadId && /Status: resolved/.test(m.text)));
    // Everything about the ticket stayed in its topic.
    expect(tg.sentTo(GROUP).every((m) => m.threadId === topic.threadId)).toBe(true);
    const final = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { events: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }, assignee: true } });
    expect(final).toMatchObject({ status: 'resolved', csat: 5, channel: 'telegram' });
    expect(final.assignee?.name).toBe('Bob');
    const types = final.events.map((e) => e.type);
    for (const step of ['created', 'classified', 'answered_by_bot', 'feedback', 'escalated', 'assigned', 'agent_message', 'requester_message', 'internal_note', 'resolved', 'csat']) {
      expect(types, `event ${step}`).toContain(step);
    }
    const order = (type: string) => types.indexOf(type);
    expect(order('created')).toBeLessThan(order('answered_by_bot'));
    expect(order('answered_by_bot')).toBeLessThan(order('feedback'));
    expect(order('feedback')).toBeLessThanOrEqual(order('escalated'));
    expect(order('escalated')).toBeLessThan(order('assigned'));
    expect(order('assigned')).toBeLessThan(order('agent_message'));
    expect(order('agent_message')).toBeLessThan(order('requester_message'));
    expect(order('requester_message')).toBeLessThan(order('internal_note'));
    expect(order('internal_note')).toBeLessThan(order('resolved'));
    expect(order('resolved')).toBeLessThan(order('csat'));
    const notes = await prisma.message.findMany({ where: { ticketId: ticket.id, internal: true } });
    expect(notes.map((n) => n.text)).toEqual(['probably an AD lockout']);
  });

  it('a non-agent in the agents\' group pressing Take changes nothing', async () => {
    const { tg, prisma } = await start();
    const { ticket, topic, card } = await escalateAliceQuestion(tg, prisma);
    const aliceBefore = tg.sentTo(ALICE.id).length;
    tg.enqueue(buttonPress(MALLORY, 'q-mallory', button(card, /take/i), groupChat(GROUP), card.messageId, { message_thread_id: topic.threadId, is_topic_message: true }));
    // The press is answered only after it was stored; then the inbox processes it (and refuses it).
    await tg.waitFor(() => tg.state.answeredCallbacks.includes('q-mallory'), 10_000);
    await app!.service.core.inbox.idle();
    const row = await prisma.inboxEvent.findFirstOrThrow({ where: { channel: 'telegram', externalId: 'agent:cb:q-mallory' } });
    expect(row.status).not.toBe('pending');
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { events: true } });
    expect(after.status).toBe('escalated');
    expect(after.assigneeId).toBeNull();
    expect(after.events.map((e) => e.type)).not.toContain('assigned');
    expect(tg.sentTo(ALICE.id).slice(aliceBefore).some((m) => /taken/i.test(m.text))).toBe(false);
  });

  it('an update kind we don\'t handle is acknowledged (offset moves past it) and stores nothing', async () => {
    const { tg, prisma } = await start();
    const chat = { id: ALICE.id, type: 'private', first_name: 'Alice' };
    const edited = tg.enqueue({ edited_message: { message_id: 1, date: 1_717_000_000, edit_date: 1_717_000_100, chat, from: ALICE, text: 'edited text' } });
    const member = tg.enqueue({ my_chat_member: { chat, from: ALICE, date: 1_717_000_000, old_chat_member: { user: { id: 123456789, is_bot: true, first_name: 'Frontline' }, status: 'member' }, new_chat_member: { user: { id: 123456789, is_bot: true, first_name: 'Frontline' }, status: 'kicked', until_date: 0 } } });
    // Telegram forgets updates below the offset of the next getUpdates: both leave the queue.
    await tg.waitFor(() => !tg.state.updates.some((u) => u.update_id === edited.update_id || u.update_id === member.update_id), 10_000);
    // A real message behind them still gets through (the loop did not stall on them).
    tg.userSays(ALICE, 'hello');
    await tg.waitFor(() => tg.sentTo(ALICE.id).length > 0, 10_000);
    const rows = await prisma.inboxEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).not.toContain('edited text');
    expect(tg.sentTo(ALICE.id).some((m) => m.text.includes('edited text'))).toBe(false);
  });

  it('webhook mode: a forged request (missing or wrong secret) gets 401 and stores nothing', async () => {
    const secret = 'e2e_webhook_secret_0123456789';
    const { tg, app, prisma } = await start({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.test/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: secret });
    expect(tg.state.webhook).toEqual({ url: 'https://bot.example.test/telegram/webhook', secret });
    const hook = `${app.service.url}/telegram/webhook`;
    const update = { update_id: 1, message: { message_id: 1, date: 1_717_000_000, chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'forged' } };
    const post = (headers: Record<string, string>) => fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });

    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': `${secret}x` })).status).toBe(401);
    expect(await prisma.inboxEvent.count()).toBe(0);

    // The genuine secret works (so the 401s above were about the secret, not the route).
    expect((await post({ 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
    expect(await prisma.inboxEvent.count()).toBe(1);
    // Telegram redelivers when it missed our 200: the same update is acknowledged and stored once.
    expect((await post({ 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
    expect(await prisma.inboxEvent.count()).toBe(1);
    await tg.waitFor(() => tg.sentTo(ALICE.id).length > 0, 10_000);
  });

  it('a user who blocked the bot: the reply is recorded as refused once, not retried', async () => {
    const { tg, prisma } = await start();
    const dave = user(4545, { first_name: 'Dave' });
    tg.state.blocked.add(String(dave.id));
    tg.userSays(dave, 'I forgot my password');
    await waitUntil('replies settled', async () => {
      const rows = await prisma.outboxMessage.findMany({ where: { channel: 'telegram' } });
      return rows.length > 0 && rows.every((r) => r.status !== 'pending');
    }, 10_000);
    const rows = await prisma.outboxMessage.findMany({ where: { channel: 'telegram' } });
    expect(rows.every((r) => r.status === 'dead' && r.attempts === 1)).toBe(true);
    expect(rows[0]!.lastError).toMatch(/blocked/i);
    // Each refused reply is on its ticket's trail, written with the dead letter.
    const refused = await prisma.ticketEvent.findMany({ where: { type: 'delivery_failed' } });
    expect(refused.map((e) => JSON.parse(e.data ?? '{}').outboxId).sort()).toEqual(rows.filter((r) => r.ticketId).map((r) => r.id).sort());
    expect(refused.length).toBeGreaterThan(0);
    expect(tg.sentTo(dave.id)).toEqual([]);
    const sendsBefore = tg.calls.get('sendMessage') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 600)); // a few outbox polls: nothing is retried
    expect(tg.calls.get('sendMessage') ?? 0).toBe(sendsBefore);
  });
});
