import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Delivery, TicketCard } from '../../core/model/delivery.ts';
import type { SlackLogger } from '../../bots/slack/logger.ts';
import { createSlackSender } from '../../bots/slack/send/sender.ts';
import { createWebClient } from '../../bots/slack/send/web-client.ts';
import { MemoryLinks } from './fakes.ts';
import { TRIAGE } from './fixtures.ts';

const TOKEN = 'xoxb-1234567890-0987654321-abcdefSECRETtoken';
const API = 'https://slack.test';

const lines: string[] = [];
const recordingLogger: SlackLogger = {
  debug: (a: object | string, b?: string) => void lines.push(JSON.stringify([a, b])),
  info: (a: object | string, b?: string) => void lines.push(JSON.stringify([a, b])),
  warn: (a: object | string, b?: string) => void lines.push(JSON.stringify([a, b])),
  error: (a: object | string, b?: string) => void lines.push(JSON.stringify([a, b])),
};

function sender() {
  const client = createWebClient(TOKEN, { apiUrl: `${API}/api/`, logger: recordingLogger, timeoutMs: 2000 });
  return createSlackSender({ client, agentChannelId: TRIAGE, categories: ['network', 'email'], notePrefix: '//', logger: recordingLogger });
}

type Body = Record<string, string>;
function capture(method: string, reply: object, calls: Body[], status = 200, headers: Record<string, string> = {}) {
  return nock(API)
    .post(`/api/${method}`, (body: Body) => {
      calls.push(body);
      return true;
    })
    .reply(status, reply, headers);
}

const card: TicketCard = {
  ticketId: 't-1',
  number: 'FL-000001',
  subject: 'VPN',
  status: 'escalated',
  priority: 'P2',
  category: 'network',
  type: 'incident',
  language: 'en',
  requesterName: 'Ann',
  requesterChannel: 'telegram',
  transcript: [],
};

const reply = (conversationKey: string, text = 'Hello'): Delivery => ({ kind: 'requester_reply', conversationKey, reply: { text } });

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  nock.cleanAll();
  lines.length = 0;
});

describe('requester replies', () => {
  it('posts into a channel thread from the conversation key', async () => {
    const calls: Body[] = [];
    capture('chat.postMessage', { ok: true, channel: 'CGENERAL', ts: '1700000009.000001' }, calls);
    const result = await sender().send(reply('CGENERAL/1700000001.000200', 'Try <!channel> & this'), new MemoryLinks());
    expect(result).toEqual({ ok: true, externalRef: '1700000009.000001' });
    expect(calls[0]).toMatchObject({ channel: 'CGENERAL', thread_ts: '1700000001.000200', text: 'Try &lt;!channel&gt; &amp; this' });
    expect(JSON.parse(calls[0]!.blocks!)).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Try &lt;!channel&gt; &amp; this', verbatim: true } }]);
  });

  it('opens the DM for a user key once, then posts there', async () => {
    const calls: Body[] = [];
    capture('conversations.open', { ok: true, channel: { id: 'D1001' } }, calls);
    capture('chat.postMessage', { ok: true, ts: '1.1' }, calls);
    capture('chat.postMessage', { ok: true, ts: '1.2' }, calls);
    const s = sender();
    expect(await s.send(reply('U1001'), new MemoryLinks())).toEqual({ ok: true, externalRef: '1.1' });
    expect(await s.send(reply('U1001'), new MemoryLinks())).toEqual({ ok: true, externalRef: '1.2' });
    expect(calls.map((c) => c.channel ?? c.users)).toEqual(['U1001', 'D1001', 'D1001']);
  });

  it('maps HTTP 429 with Retry-After to a retryable failure with retryAfterMs (no waiting here)', async () => {
    capture('chat.postMessage', { ok: false, error: 'ratelimited' }, [], 429, { 'Retry-After': '7' });
    const started = Date.now();
    const result = await sender().send(reply('C1'), new MemoryLinks());
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['ratelimited', true],
    ['internal_error', true],
    ['channel_not_found', false],
    ['not_in_channel', false],
    ['invalid_auth', false],
  ])('ok:false %s -> retryable %s', async (code, retryable) => {
    capture('chat.postMessage', { ok: false, error: code }, []);
    const result = await sender().send(reply('C1'), new MemoryLinks());
    expect(result).toMatchObject({ ok: false, retryable });
    if (!retryable) expect(result).toMatchObject({ reason: code });
  });

  it('treats 5xx and network failures as retryable, and never shows the token', async () => {
    nock(API).post('/api/chat.postMessage').reply(503, 'upstream down');
    expect(await sender().send(reply('C1'), new MemoryLinks())).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('503') });
    nock(API).post('/api/chat.postMessage').replyWithError(`socket hang up while sending Bearer ${TOKEN}`);
    const failed = await sender().send(reply('C1'), new MemoryLinks());
    expect(failed).toMatchObject({ ok: false, retryable: true });
    expect(JSON.stringify(failed)).not.toContain(TOKEN);
    expect(JSON.stringify(failed)).toContain('xox?-[redacted]');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('refuses an unparseable conversation key without calling Slack', async () => {
    expect(await sender().send(reply('not a key!'), new MemoryLinks())).toMatchObject({ ok: false, retryable: false, reason: 'bad_conversation_key' });
  });
});

describe('agent notices in the triage channel', () => {
  it('posts the escalation, links it, then updates the post and replies in its thread', async () => {
    const links = new MemoryLinks();
    const calls: Body[] = [];
    capture('chat.postMessage', { ok: true, ts: '1700000050.000001' }, calls);
    const escalated = await sender().send({ kind: 'agent_notice', notice: { kind: 'ticket_escalated', card, reason: 'did not help' } }, links);
    expect(escalated).toEqual({ ok: true, externalRef: '1700000050.000001' });
    expect(links.links.get('slack-triage:t-1')).toBe('1700000050.000001');
    expect(calls[0]).toMatchObject({ channel: TRIAGE });
    expect(calls[0]!.thread_ts).toBeUndefined();

    capture('chat.update', { ok: true, ts: '1700000050.000001' }, calls);
    capture('chat.postMessage', { ok: true, ts: '1700000060.000001' }, calls);
    const taken = { ...card, status: 'assigned', assigneeName: 'Bob' };
    const updated = await sender().send({ kind: 'agent_notice', notice: { kind: 'ticket_updated', card: taken, change: 'Taken by Bob' } }, links);
    expect(updated).toEqual({ ok: true, externalRef: '1700000060.000001' });
    expect(calls[1]).toMatchObject({ channel: TRIAGE, ts: '1700000050.000001' });
    expect(calls[1]!.blocks).toContain('Bob');
    expect(calls[2]).toMatchObject({ channel: TRIAGE, thread_ts: '1700000050.000001' });

    capture('chat.update', { ok: true }, calls);
    capture('chat.postMessage', { ok: true, ts: '1700000070.000001' }, calls);
    await sender().send({ kind: 'agent_notice', notice: { kind: 'requester_message', card: taken, text: 'any news? <!here>' } }, links);
    expect(calls[4]).toMatchObject({ thread_ts: '1700000050.000001', text: 'any news? &lt;!here&gt;' });
  });

  it('posts a fresh root when the linked post is gone', async () => {
    const links = new MemoryLinks();
    await links.setLink('t-1', 'slack-triage', '1600000000.000001');
    const calls: Body[] = [];
    capture('chat.update', { ok: false, error: 'message_not_found' }, calls);
    capture('chat.postMessage', { ok: true, ts: '1700000080.000001' }, calls);
    capture('chat.postMessage', { ok: true, ts: '1700000080.000002' }, calls);
    const result = await sender().send({ kind: 'agent_notice', notice: { kind: 'lead_alert', card, text: 'look at this' } }, links);
    expect(result).toEqual({ ok: true, externalRef: '1700000080.000002' });
    expect(links.links.get('slack-triage:t-1')).toBe('1700000080.000001');
    expect(calls[2]).toMatchObject({ thread_ts: '1700000080.000001' });
  });

  it('a rate-limited update is retried as a whole before anything is posted in the thread', async () => {
    const links = new MemoryLinks();
    await links.setLink('t-1', 'slack-triage', '1700000050.000001');
    capture('chat.update', {}, [], 429, { 'Retry-After': '3' });
    const result = await sender().send({ kind: 'agent_notice', notice: { kind: 'sla_alert', card, level: 'warning', target: 'first_response' } }, links);
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 3000 });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a repeated escalation refreshes the post and notes the reason in its thread', async () => {
    const links = new MemoryLinks();
    await links.setLink('t-1', 'slack-triage', '1700000050.000001');
    const calls: Body[] = [];
    capture('chat.update', { ok: true }, calls);
    capture('chat.postMessage', { ok: true, ts: '1700000099.000001' }, calls);
    const result = await sender().send({ kind: 'agent_notice', notice: { kind: 'ticket_escalated', card, reason: 'agent released it' } }, links);
    expect(result).toEqual({ ok: true, externalRef: '1700000099.000001' });
    expect(calls[1]).toMatchObject({ thread_ts: '1700000050.000001', text: 'Escalated: agent released it' });
    expect(links.links.get('slack-triage:t-1')).toBe('1700000050.000001');
  });

  it('fails visibly when no triage channel is configured', async () => {
    const client = createWebClient(TOKEN, { apiUrl: `${API}/api/`, logger: recordingLogger });
    const s = createSlackSender({ client, categories: [], notePrefix: '//' });
    const result = await s.send({ kind: 'agent_notice', notice: { kind: 'ticket_escalated', card, reason: 'x' } }, new MemoryLinks());
    expect(result).toMatchObject({ ok: false, retryable: false, reason: 'triage_not_configured' });
  });
});

describe('SLA lead alerts', () => {
  it('are posted to the lead channel when one is configured, not into the triage thread', async () => {
    const client = createWebClient(TOKEN, { apiUrl: `${API}/api/`, logger: recordingLogger, timeoutMs: 2000 });
    const withLead = createSlackSender({ client, agentChannelId: TRIAGE, leadChannelId: 'CLEAD', categories: ['network'], notePrefix: '//', logger: recordingLogger });
    const calls: Body[] = [];
    capture('chat.postMessage', { ok: true, channel: 'CLEAD', ts: '1700000000.000900' }, calls);
    const result = await withLead.send({ kind: 'agent_notice', notice: { kind: 'lead_alert', card, text: 'FL-000001 breached <!channel>' } }, new MemoryLinks());
    expect(result).toMatchObject({ ok: true, externalRef: '1700000000.000900' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.channel).toBe('CLEAD');
    expect(calls[0]!.thread_ts).toBeUndefined();
    expect(JSON.stringify(calls[0])).not.toContain('<!channel>');
    expect(nock.isDone()).toBe(true);
  });
});
