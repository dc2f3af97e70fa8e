/** Slack payload fixtures, shaped like the documented Events API and interactivity payloads. */
export const TEAM = 'T0001';
export const BOT_USER = 'UBOT';
export const BOT_ID = 'B0001';
export const TRIAGE = 'CTRIAGE';
export const USER = 'U1001';
export const AGENT = 'U2002';

export function envelope(event: Record<string, unknown>, eventId = 'Ev001', teamId = TEAM): Record<string, unknown> {
  return { token: 'legacy', team_id: teamId, api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1_700_000_000, event };
}

export function dm(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', channel: 'D1001', channel_type: 'im', user: USER, text, ts: '1700000000.000100', team: TEAM, ...extra };
}

export function mention(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'app_mention', channel: 'CGENERAL', user: USER, text: `<@${BOT_USER}> ${text}`, ts: '1700000001.000200', team: TEAM, ...extra };
}

export function triageReply(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channel: TRIAGE,
    channel_type: 'channel',
    user: AGENT,
    text,
    ts: '1700000100.000300',
    thread_ts: '1700000050.000001',
    team: TEAM,
    ...extra,
  };
}

export function blockActions(action: Record<string, unknown>, where: { channel: string; messageTs?: string; threadTs?: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: where.channel === TRIAGE ? AGENT : USER, username: 'ann', name: 'ann', team_id: TEAM },
    team: { id: TEAM, domain: 'acme' },
    trigger_id: `111.222.${String(action.action_id)}`,
    channel: { id: where.channel, name: 'x' },
    container: { type: 'message', message_ts: where.messageTs ?? '1700000050.000001', channel_id: where.channel, is_ephemeral: false },
    message: { type: 'message', ts: where.messageTs ?? '1700000050.000001', ...(where.threadTs && { thread_ts: where.threadTs }) },
    actions: [{ action_ts: '1700000200.123456', ...action }],
  };
}

export function messageShortcut(callbackId: string, channel: string, message: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: '333.444.def',
    user: { id: channel === TRIAGE ? AGENT : USER, name: 'ann', team_id: TEAM },
    team: { id: TEAM, domain: 'acme' },
    channel: { id: channel, name: 'x' },
    message: { type: 'message', ts: '1700000300.000001', ...message },
    response_url: 'https://hooks.slack.test/x',
  };
}

export function slashCommand(text: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'legacy',
    team_id: TEAM,
    channel_id: 'CGENERAL',
    user_id: USER,
    user_name: 'ann',
    command: '/support',
    text,
    trigger_id: '555.666.ghi',
    response_url: 'https://hooks.slack.test/cmd',
    ...extra,
  };
}
