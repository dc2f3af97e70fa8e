import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../core/model/delivery.ts';
import { createTelegramSender } from '../../bots/telegram/send/sender.ts';
import { ManualClock } from './support/manual-clock.ts';
import { MemoryLinks } from './support/memory-send-context.ts';

const ROOT = 'https://api.telegram.test';
const TOKEN = '987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX';
const FAST = { perChatPerSecond: 1000, perGroupPerMinute: 1000, globalPerSecond: 1000 };
const tg = () => nock(ROOT);
const reply = (text: string, buttons?: Array<Array<{ label: string; payload: string }>>): Delivery => ({
  kind: 'requester_reply',
  conversationKey: '4503599627370495',
  reply: { text, ...(buttons ? { buttons } : {}) },
});
const ok = (messageId: number) => ({ ok: true, result: { message_id: messageId, date: 1, chat: { id: 1, type: 'private' }, text: 'x' } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Telegram sender against the Bot API (nock)', () => {
  const links = new MemoryLinks();

  it('sends a reply as HTML to the chat, keyboard on the last part, parts in order', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    tg()
      .post(`/bot${TOKEN}/sendMessage`, (body: Record<string, unknown>) => bodies.push(body) > 0)
      .times(2)
      .reply(200, () => ok(bodies.length));
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT, limits: FAST });
    const text = `${'first paragraph & <stuff>. '.repeat(100)}\n\n${'second '.repeat(300)}`;
    const result = await sender.send(reply(text, [[{ label: 'Helped', payload: 'fb:y' }]]), links.context('o1'));
    expect(result).toEqual({ ok: true, externalRef: '2' });
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ chat_id: '4503599627370495', parse_mode: 'HTML' });
    expect(bodies[0]!['text']).toContain('&amp; &lt;stuff&gt;');
    expect(bodies[0]!['reply_markup']).toBeUndefined();
    expect(bodies[1]!['reply_markup']).toEqual({ inline_keyboard: [[{ text: 'Helped', callback_data: 'fb:y' }]] });
  });

  it('maps 429 to a retry after exactly retry_after seconds', async () => {
    tg().post(`/bot${TOKEN}/sendMessage`).reply(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT, limits: FAST });
    const result = await sender.send(reply('hi'), links.context('o2'));
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
  });

  it('does not call the chat again before retry_after has passed', async () => {
    const clock = new ManualClock(1_000_000);
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT, clock, limits: FAST });
    tg().post(`/bot${TOKEN}/sendMessage`).reply(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    expect(await sender.send(reply('one'), links.context('o3'))).toMatchObject({ retryAfterMs: 3000 });
    const second = tg().post(`/bot${TOKEN}/sendMessage`).reply(200, ok(5));
    let settled = false;
    const pending = sender.send(reply('two'), links.context('o4')).then((r) => ((settled = true), r));
    await clock.advance(2_900, 100);
    expect(second.isDone()).toBe(false);
    expect(settled).toBe(false);
    await clock.advance(200, 100);
    expect(await pending).toEqual({ ok: true, externalRef: '5' });
  });

  it('gives up on a user who blocked the bot', async () => {
    tg().post(`/bot${TOKEN}/sendMessage`).reply(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT, limits: FAST });
    expect(await sender.send(reply('hi'), links.context('o5'))).toEqual({
      ok: false,
      retryable: false,
      reason: 'blocked_by_user',
      error: 'Telegram sendMessage failed: 403 Forbidden: bot was blocked by the user',
    });
  });

  it.each([
    [400, 'Bad Request: chat not found', { retryable: false, reason: 'chat_not_found' }],
    [400, "Bad Request: can't parse entities", { retryable: false, reason: 'bad_request' }],
    [500, 'Internal Server Error', { retryable: true }],
    [502, 'Bad Gateway', { retryable: true }],
  ])('maps %i %s', async (status, description, expected) => {
    tg().post(`/bot${TOKEN}/sendMessage`).reply(status, { ok: false, error_code: status, description });
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT, limits: FAST });
    expect(await sender.send(reply('hi'), links.context(`o-${status}`))).toMatchObject({ ok: false, ...expected });
  });

  it('treats network failures and non-JSON gateway pages as retryable, without the token in the error', async () => {
    tg().post(`/bot${TOKEN}/sendMessage`).replyWithError(`connect ECONNRESET ${ROOT}/bot${TOKEN}/sendMessage`);
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT, limits: FAST });
    const network = await sender.send(reply('hi'), links.context('o6'));
    expect(network).toMatchObject({ ok: false, retryable: true });
    expect(JSON.stringify(network)).not.toContain(TOKEN);
    expect(JSON.stringify(network)).not.toMatch(/\d+:[\w-]{30,}/);

    tg().post(`/bot${TOKEN}/sendMessage`).reply(504, '<html>Gateway Timeout</html>');
    const gateway = await sender.send(reply('hi'), links.context('o7'));
    expect(gateway).toMatchObject({ ok: false, retryable: true });
  });

  it('resumes a multi-part reply after a failure instead of repeating the parts already sent', async () => {
    const texts: string[] = [];
    const record = (body: Record<string, unknown>) => texts.push(String(body['text'])) > 0;
    tg().post(`/bot${TOKEN}/sendMessage`, record).reply(200, ok(1));
    tg().post(`/bot${TOKEN}/sendMessage`, record).reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    tg().post(`/bot${TOKEN}/sendMessage`, record).times(2).reply(200, ok(2));
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT, limits: FAST });
    const long = `${'a'.repeat(4000)}\n\n${'b'.repeat(4000)}\n\n${'c'.repeat(100)}`;
    expect(await sender.send(reply(long), links.context('o8'))).toMatchObject({ ok: false, retryable: true });
    expect(await sender.send(reply(long), links.context('o8'))).toMatchObject({ ok: true });
    expect(texts.map((t) => t[0])).toEqual(['a', 'b', 'b', 'c']);
  });

  it('refuses agent notices when no agents group is configured', async () => {
    const sender = createTelegramSender({ token: TOKEN, apiRoot: ROOT });
    const card = { ticketId: 't', number: 'FL-1', subject: 's', status: 'escalated', priority: 'p', category: 'c', type: 'incident', language: 'en' as const, requesterName: 'r', requesterChannel: 'telegram' as const, transcript: [] };
    expect(await sender.send({ kind: 'agent_notice', notice: { kind: 'ticket_escalated', card, reason: 'x' } }, links.context('o9'))).toMatchObject({
      ok: false,
      retryable: false,
      reason: 'agents_chat_not_configured',
    });
  });
});
