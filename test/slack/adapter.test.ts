/**
 * The assembled adapter in HTTP mode, the core played by the test: a DM comes in, the reply goes out
 * to the DM, an escalation lands in the triage channel, the agent's thread reply and buttons come back
 * as agent commands on that ticket, and the bot's own echo in the thread is ignored.
 */
import nock from 'nock';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TicketCard } from '../../core/model/delivery.ts';
import { publishAppHome } from '../../bots/slack/app-home.ts';
import { parseSlackConfig } from '../../bots/slack/config.ts';
import { renderAppHome } from '../../bots/slack/render/app-home.ts';
import { createSlackAdapter } from '../../bots/slack/slack.ts';
import { silentLogger } from '../../bots/slack/logger.ts';
import { AGENT, BOT_ID, BOT_USER, TEAM, TRIAGE, USER, blockActions, dm, envelope, messageShortcut, triageReply } from './fixtures.ts';
import { FORM, MemoryIntake, MemoryLinks, NOW_MS, SECRET, appWith, formBody, slackHeaders } from './fakes.ts';

const API = 'https://slack.test';
const config = parseSlackConfig({
  SLACK_BOT_TOKEN: 'xoxb-9-9-adapterSECRET',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_AGENT_CHANNEL_ID: TRIAGE,
  SLACK_API_URL: `${API}/api/`,
})!;

type Body = Record<string, string>;
const calls: Body[] = [];
function slackApi(method: string, reply: object) {
  nock(API)
    .post(`/api/${method}`, (body: Body) => {
      calls.push({ method, ...body });
      return true;
    })
    .reply(200, reply);
}

async function adapter(intake: MemoryIntake, homes: string[] = []) {
  slackApi('auth.test', { ok: true, team_id: TEAM, user_id: BOT_USER, bot_id: BOT_ID, url: 'https://acme.slack.com/' });
  const slack = await createSlackAdapter({
    config,
    intake,
    logger: silentLogger,
    now: () => NOW_MS,
    onAppHomeOpened: async (userId, client) => {
      homes.push(userId);
      await publishAppHome(client, userId, renderAppHome([], 'en'));
    },
  });
  return { slack, app: appWith(slack.router!) };
}

async function postEvent(app: ReturnType<typeof appWith>, body: object) {
  const raw = JSON.stringify(body);
  await request(app).post('/slack/events').set(slackHeaders(raw)).send(raw).expect(200);
}

async function postInteraction(app: ReturnType<typeof appWith>, payload: object) {
  const raw = formBody({ payload: JSON.stringify(payload) });
  await request(app).post('/slack/interactivity').set(slackHeaders(raw, { contentType: FORM })).send(raw).expect(200);
}

const card = (over: Partial<TicketCard> = {}): TicketCard => ({
  ticketId: 't-7',
  number: 'FL-000007',
  subject: 'VPN error 809',
  status: 'escalated',
  priority: 'P2',
  category: 'network',
  type: 'incident',
  language: 'en',
  requesterName: 'Ann',
  requesterChannel: 'slack',
  transcript: [{ from: 'requester', text: 'VPN error 809', at: '2023-11-14T22:13:20.000Z' }],
  ...over,
});

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1'); // supertest talks to the in-process express app on loopback
});
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  nock.cleanAll();
  calls.length = 0;
});

describe('Slack adapter, HTTP mode', () => {
  it('DM in, reply to the DM, escalation to triage, agent reply and Take back as agent commands', async () => {
    const intake = new MemoryIntake();
    const { slack, app } = await adapter(intake);
    expect(slack.identity).toMatchObject({ botUserId: BOT_USER, teamId: TEAM });
    const links = new MemoryLinks();

    await postEvent(app, envelope(dm('VPN error 809'), 'Ev1'));
    const inbound = intake.stored[0];
    expect(inbound?.kind).toBe('requester');
    const conversationKey = inbound?.kind === 'requester' ? inbound.message.conversationKey : '';

    slackApi('conversations.open', { ok: true, channel: { id: 'D1001' } });
    slackApi('chat.postMessage', { ok: true, ts: '1700000001.000001' });
    const answer = { text: 'Try reconnecting', buttons: [[{ label: "Didn't help", payload: 'fb:no' }]] };
    expect(await slack.sender.send({ kind: 'requester_reply', conversationKey, reply: answer }, links)).toMatchObject({ ok: true });
    expect(calls.at(-1)).toMatchObject({ method: 'chat.postMessage', channel: 'D1001' });

    await postInteraction(app, blockActions({ action_id: 'fl_choice_0_0', type: 'button', value: 'fb:no', text: { type: 'plain_text', text: "Didn't help" } }, { channel: 'D1001' }));
    expect(intake.stored[1]).toMatchObject({ kind: 'requester', message: { conversationKey: USER, action: { payload: 'fb:no' } } });

    slackApi('chat.postMessage', { ok: true, ts: '1700000050.000001' });
    await slack.sender.send({ kind: 'agent_notice', notice: { kind: 'ticket_escalated', card: card(), reason: "didn't help" } }, links);
    expect(calls.at(-1)).toMatchObject({ channel: TRIAGE });
    const rootTs = await links.getLink('t-7', 'slack-triage');
    expect(rootTs).toBe('1700000050.000001');

    await postInteraction(app, blockActions({ action_id: 'fl_take', block_id: 'fl_ticket:t-7', type: 'button', value: 't-7' }, { channel: TRIAGE, messageTs: rootTs }));
    await postEvent(app, envelope(triageReply('Reinstall the VPN profile', { thread_ts: rootTs }), 'Ev2'));
    await postEvent(app, envelope(triageReply('// checked the gateway logs', { thread_ts: rootTs, ts: '1700000101.000001' }), 'Ev3'));
    // Our own requester_message echo in the thread must not come back as an agent reply.
    await postEvent(app, envelope(triageReply('Ann: still broken', { thread_ts: rootTs, user: BOT_USER, bot_id: BOT_ID }), 'Ev4'));

    const agentCommands = intake.stored.filter((e) => e.kind === 'agent').map((e) => (e.kind === 'agent' ? e.command : undefined));
    expect(agentCommands).toMatchObject([
      { agent: { externalUserId: AGENT }, ticket: { ticketId: 't-7' }, action: { type: 'take' } },
      { ticket: { surface: 'slack-triage', ref: rootTs }, action: { type: 'reply', text: 'Reinstall the VPN profile' } },
      { ticket: { surface: 'slack-triage', ref: rootTs }, action: { type: 'note', text: 'checked the gateway logs' } },
    ]);
  });

  it("posts a Telegram requester's ticket to the same triage channel", async () => {
    const { slack } = await adapter(new MemoryIntake());
    slackApi('chat.postMessage', { ok: true, ts: '1700000090.000001' });
    const links = new MemoryLinks();
    const result = await slack.sender.send(
      { kind: 'agent_notice', notice: { kind: 'ticket_escalated', card: card({ ticketId: 't-8', requesterChannel: 'telegram' }), reason: 'asked for a human' } },
      links,
    );
    expect(result).toEqual({ ok: true, externalRef: '1700000090.000001' });
    expect(calls.at(-1)).toMatchObject({ channel: TRIAGE });
    expect(calls.at(-1)!.blocks).toContain('(telegram)');
    expect(await links.getLink('t-8', 'slack-triage')).toBe('1700000090.000001');
  });

  it('publishes the App Home after acknowledging app_home_opened', async () => {
    const homes: string[] = [];
    const { app } = await adapter(new MemoryIntake(), homes);
    slackApi('views.publish', { ok: true });
    await postEvent(app, envelope({ type: 'app_home_opened', user: USER, tab: 'home', channel: 'D1001' }));
    await expect.poll(() => calls.find((c) => c.method === 'views.publish')).toMatchObject({ user_id: USER });
    expect(homes).toEqual([USER]);
  });

  it('opens the note modal from the "Add internal note" shortcut', async () => {
    const { app } = await adapter(new MemoryIntake());
    slackApi('views.open', { ok: true });
    await postInteraction(app, messageShortcut('fl_add_note', TRIAGE, { text: 'x', thread_ts: '1700000050.000001' }));
    await expect.poll(() => calls.find((c) => c.method === 'views.open')).toMatchObject({ trigger_id: '333.444.def' });
    const view = JSON.parse(calls.find((c) => c.method === 'views.open')!.view!);
    expect(view).toMatchObject({ type: 'modal', callback_id: 'fl_note_modal', private_metadata: JSON.stringify({ channel: TRIAGE, threadTs: '1700000050.000001' }) });
  });

  it('refuses to start with a rejected token', async () => {
    slackApi('auth.test', { ok: false, error: 'invalid_auth' });
    await expect(createSlackAdapter({ config, intake: new MemoryIntake(), logger: silentLogger })).rejects.toThrow('SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
  });
});
