import { afterEach, describe, expect, it } from 'vitest';
import type { AgentNotice, TicketCard } from '../../core/model/delivery.ts';
import { BotApi } from '../../bots/telegram/api/bot-api.ts';
import { createTelegramSender } from '../../bots/telegram/send/sender.ts';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/telegram-api/index.ts';
import { MemoryLinks } from './support/memory-send-context.ts';

const FORUM = -1001000000001;
const PLAIN = -1001000000002;
const FAST = { perChatPerSecond: 1000, perGroupPerMinute: 1000, globalPerSecond: 1000 };

const card = (ticketId: string, number: string): TicketCard => ({
  ticketId,
  number,
  subject: 'Printer <on fire> & smoking',
  status: 'escalated',
  priority: 'critical',
  category: 'hardware',
  type: 'incident',
  language: 'en',
  requesterName: 'Bob',
  requesterChannel: 'telegram',
  firstResponseDue: '2024-06-01T13:00:00.000Z',
  transcript: [{ from: 'requester', text: 'it burns', at: '2024-06-01T12:00:00.000Z' }],
});
const notice = (n: AgentNotice) => ({ kind: 'agent_notice' as const, notice: n });

let tg: FakeTelegramApi | undefined;
afterEach(async () => {
  await tg?.close();
  tg = undefined;
});

async function setup(chatId: number, isForum: boolean) {
  tg = await startFakeTelegramApi({ chats: [{ id: chatId, type: 'supergroup', title: 'Agents', is_forum: isForum }] });
  const api = new BotApi({ token: tg.token, apiRoot: tg.apiRoot });
  const sender = createTelegramSender({ api, agentChatId: String(chatId), limits: FAST });
  return { tg, sender, links: new MemoryLinks() };
}

describe('agent notices against the fake Bot API', () => {
  it('creates one forum topic per ticket and sends later notices into it', async () => {
    const { tg, sender, links } = await setup(FORUM, true);
    const first = card('tk_1', 'FL-000001');
    expect(await sender.send(notice({ kind: 'ticket_escalated', card: first, reason: 'user asked for a human' }), links.context('n1'))).toMatchObject({ ok: true });
    await sender.send(notice({ kind: 'requester_message', card: first, text: 'any news?' }), links.context('n2'));
    await sender.send(notice({ kind: 'ticket_updated', card: { ...first, status: 'assigned', assigneeName: 'Ann' }, change: 'taken by Ann' }), links.context('n3'));
    await sender.send(notice({ kind: 'ticket_escalated', card: card('tk_2', 'FL-000002'), reason: 'no article' }), links.context('n4'));

    expect(tg.state.topics.map((topic) => topic.name)).toEqual(['FL-000001 Printer <on fire> & smoking', 'FL-000002 Printer <on fire> & smoking']);
    const topicOf = (ticketId: string) => Number(links.links.get(`${ticketId}|telegram-agents`));
    const inFirstTopic = tg.sentTo(FORUM).filter((m) => m.threadId === topicOf('tk_1'));
    expect(inFirstTopic.map((m) => m.text.split('\n')[0])).toEqual(['🎫 FL-000001 Printer <on fire> & smoking', 'Bob: any news?', '🎫 FL-000001 Printer <on fire> & smoking']);
    expect(inFirstTopic[0]!.text).toContain('Escalated: user asked for a human');
    expect(JSON.stringify(inFirstTopic[0]!.replyMarkup)).toContain('ag:take:tk_1');
    expect(tg.sentTo(FORUM).filter((m) => m.threadId === topicOf('tk_2'))).toHaveLength(1);
  });

  it('does not create a second topic when the escalation is retried after a failed card post', async () => {
    const { tg, sender, links } = await setup(FORUM, true);
    tg.setFailures({ share: 1, kinds: ['500'], methods: ['sendMessage'] });
    const escalation = notice({ kind: 'ticket_escalated', card: card('tk_3', 'FL-000003'), reason: 'r' });
    expect(await sender.send(escalation, links.context('n5'))).toMatchObject({ ok: false, retryable: true });
    tg.setFailures(undefined);
    expect(await sender.send(escalation, links.context('n5'))).toMatchObject({ ok: true });
    expect(tg.state.topics).toHaveLength(1);
    expect(tg.sentTo(FORUM)).toHaveLength(1);
  });

  it('opens a new topic when an admin deleted the ticket topic', async () => {
    const { tg, sender, links } = await setup(FORUM, true);
    const c = card('tk_6', 'FL-000006');
    await sender.send(notice({ kind: 'ticket_escalated', card: c, reason: 'r' }), links.context('n9'));
    const oldTopic = links.links.get('tk_6|telegram-agents');
    tg.state.topics.splice(0, tg.state.topics.length); // the topic is gone
    expect(await sender.send(notice({ kind: 'requester_message', card: c, text: 'hello?' }), links.context('n10'))).toMatchObject({ ok: true });
    const newTopic = links.links.get('tk_6|telegram-agents');
    expect(newTopic).not.toBe(oldTopic);
    expect(tg.sentTo(FORUM).filter((m) => String(m.threadId) === newTopic).map((m) => m.text.split(' ')[0])).toEqual(['🎫', 'Bob:']);
  });

  it('opens the topic on demand when a notice arrives for a ticket without one', async () => {
    const { tg, sender, links } = await setup(FORUM, true);
    await sender.send(notice({ kind: 'sla_alert', card: card('tk_4', 'FL-000004'), level: 'breached', target: 'first_response' }), links.context('n6'));
    expect(tg.state.topics).toHaveLength(1);
    expect(tg.sentTo(FORUM).map((m) => m.text.split(' ')[0])).toEqual(['🎫', '⛔']);
  });

  it('falls back to a root post with replies threaded under it in a plain group', async () => {
    const { tg, sender, links } = await setup(PLAIN, false);
    const c = card('tk_5', 'FL-000005');
    await sender.send(notice({ kind: 'ticket_escalated', card: c, reason: 'r' }), links.context('n7'));
    await sender.send(notice({ kind: 'requester_message', card: c, text: 'hello?' }), links.context('n8'));
    const [root, followUp] = tg.sentTo(PLAIN);
    expect(tg.state.topics).toHaveLength(0);
    expect(links.links.get('tk_5|telegram-agents')).toBe(String(root!.messageId));
    expect(followUp).toMatchObject({ replyTo: root!.messageId, text: 'Bob: hello?' });
  });

  it('delivers a long requester reply with specials as parts the API accepts, text unchanged', async () => {
    const { tg, sender, links } = await setup(PLAIN, false);
    const text = 'Шаг 1: <open> & "close" 🙂\n'.repeat(900);
    expect(await sender.send({ kind: 'requester_reply', conversationKey: '42', reply: { title: 'Fix & <go>', text } }, links.context('r1'))).toMatchObject({ ok: true });
    const sent = tg.sentTo(42);
    expect(sent.length).toBeGreaterThan(5);
    expect(sent.map((m) => m.text).join('')).toBe(`Fix & <go>\n\n${text}`);
  });

  it('stays under Telegram limits with the default limiter, and maps the API 429 when limits are ignored', async () => {
    tg = await startFakeTelegramApi({ rateLimits: { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 } });
    const api = new BotApi({ token: tg.token, apiRoot: tg.apiRoot });
    const links = new MemoryLinks();
    const polite = createTelegramSender({ api });
    const results = await Promise.all(['a', 'b', 'c'].map((text, i) => polite.send({ kind: 'requester_reply', conversationKey: '77', reply: { text } }, links.context(`p${i}`))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(tg.sentTo(77).map((m) => m.text)).toEqual(['a', 'b', 'c']);
    expect(tg.calls.get('sendMessage')).toBe(3);

    const rude = createTelegramSender({ api, limits: FAST });
    const [first, second] = await Promise.all(['x', 'y'].map((text, i) => rude.send({ kind: 'requester_reply', conversationKey: '78', reply: { text } }, links.context(`q${i}`))));
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, retryable: true, retryAfterMs: 1000 });
  });
});

describe('SLA lead alerts', () => {
  const LEAD = -1001000000009;
  it('go to the lead chat when one is configured, and into the ticket topic otherwise', async () => {
    tg = await startFakeTelegramApi({
      chats: [
        { id: FORUM, type: 'supergroup', title: 'Agents', is_forum: true },
        { id: LEAD, type: 'supergroup', title: 'Leads', is_forum: false },
      ],
    });
    const api = new BotApi({ token: tg.token, apiRoot: tg.apiRoot });
    const links = new MemoryLinks();
    const withLead = createTelegramSender({ api, agentChatId: String(FORUM), leadChatId: String(LEAD), limits: FAST });
    const alert = notice({ kind: 'lead_alert', card: card('tk_9', 'FL-000009'), text: 'Resolution of FL-000009 is breached <now>' });
    expect(await withLead.send(alert, links.context('l1'))).toMatchObject({ ok: true });
    expect(tg.sentTo(LEAD)).toHaveLength(1);
    expect(tg.sentTo(LEAD)[0]!.text).toContain('breached <now>');
    expect(tg.sentTo(FORUM)).toHaveLength(0);

    const withoutLead = createTelegramSender({ api, agentChatId: String(FORUM), limits: FAST });
    expect(await withoutLead.send(alert, links.context('l2'))).toMatchObject({ ok: true });
    expect(tg.sentTo(LEAD)).toHaveLength(1);
    expect(tg.sentTo(FORUM).length).toBeGreaterThan(0);
  });
});
