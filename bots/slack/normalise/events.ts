/**
 * Events API callbacks -> Outcome. DMs (`message.im`) and `@app` mentions are requester messages;
 * thread replies in the triage channel are agent replies or notes. Everything else is ignored, never thrown.
 */
import type { AgentCommand } from '../../../core/model/intake.ts';
import type { InboundMessage } from '../../../core/model/messages.ts';
import { dmKey, threadKey } from '../conversation-key.ts';
import { TRIAGE_SURFACE, type NormaliseContext } from './context.ts';
import { ignore, type Outcome } from './outcome.ts';
import {
  AppHomeOpenedSchema,
  EventEnvelopeSchema,
  MessageEventSchema,
  UrlVerificationSchema,
  type EventEnvelope,
  type MessageEvent,
} from './payloads.ts';
import { slackTextToPlain, toAttachments } from './slack-text.ts';

/** Subtypes that are still a person writing; edits, deletes, joins, bot posts etc. are not. */
const USER_SUBTYPES = new Set(['file_share', 'thread_broadcast', 'me_message']);

/** Normalises an Events API body (HTTP request body or Socket Mode `events_api` payload). */
export function normaliseEventsApi(body: unknown, ctx: NormaliseContext): Outcome {
  const verification = UrlVerificationSchema.safeParse(body);
  if (verification.success) return { kind: 'url_verification', challenge: verification.data.challenge };
  const envelope = EventEnvelopeSchema.safeParse(body);
  if (!envelope.success) return ignore('not an event callback');
  const env = envelope.data;
  if (ctx.teamId && env.team_id && env.team_id !== ctx.teamId) return ignore('another workspace');

  switch (env.event.type) {
    case 'message':
    case 'app_mention': {
      const parsed = MessageEventSchema.safeParse(env.event);
      return parsed.success ? normaliseMessage(env, parsed.data, ctx) : ignore(`malformed ${env.event.type}`);
    }
    case 'app_home_opened': {
      const parsed = AppHomeOpenedSchema.safeParse(env.event);
      if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return ignore('app home: not the home tab');
      return { kind: 'app_home_opened', userId: parsed.data.user };
    }
    default:
      return ignore(`unhandled event ${env.event.type}`);
  }
}

function whyIgnored(event: MessageEvent, ctx: NormaliseContext): string | undefined {
  if (event.subtype && !USER_SUBTYPES.has(event.subtype)) return `subtype ${event.subtype}`;
  if (event.bot_id) return event.bot_id === ctx.botId ? 'own message' : 'bot message';
  if (!event.user) return 'no author';
  if (event.user === ctx.botUserId) return 'own message';
  if (event.hidden) return 'hidden message';
  const authorTeam = event.user_team ?? event.team;
  if (ctx.teamId && authorTeam && authorTeam !== ctx.teamId) return 'author from another workspace';
  return undefined;
}

function normaliseMessage(env: EventEnvelope, event: MessageEvent, ctx: NormaliseContext): Outcome {
  const reason = whyIgnored(event, ctx);
  if (reason) return ignore(reason);
  const user = event.user as string;
  const inTriage = ctx.agentChannelId !== undefined && event.channel === ctx.agentChannelId;
  const externalId = env.event_id ?? `${event.channel}:${event.ts}`;

  if (inTriage) return event.type === 'message' ? agentThreadMessage(externalId, user, event, ctx) : ignore('mention in triage');
  if (event.type === 'message') {
    // message.channels/groups also deliver ordinary channel chatter: only DMs with the app count.
    if (event.channel_type !== 'im' && !event.channel.startsWith('D')) return ignore('channel message without mention');
    return requester(externalId, dmKey(user), user, event, ctx, { source: 'dm' });
  }
  const threadTs = event.thread_ts ?? event.ts;
  return requester(externalId, threadKey(event.channel, threadTs, user), user, event, ctx, {
    source: 'app_mention',
    slackChannel: event.channel,
    slackTs: event.ts,
    slackThreadTs: threadTs,
    ...(ctx.teamUrl && { slackPermalink: permalink(ctx.teamUrl, event.channel, event.ts, event.thread_ts) }),
  });
}

function requester(
  externalId: string,
  conversationKey: string,
  user: string,
  event: MessageEvent,
  ctx: NormaliseContext,
  meta: Record<string, string>,
): Outcome {
  const attachments = toAttachments(event.files);
  const message: InboundMessage = {
    channel: 'slack',
    externalId,
    conversationKey,
    sender: { externalUserId: user },
    text: slackTextToPlain(event.text ?? '', event.type === 'app_mention' ? ctx.botUserId : undefined),
    ...(attachments && { attachments }),
    receivedAt: new Date(ctx.now()),
    meta,
  };
  return { kind: 'intake', event: { kind: 'requester', message } };
}

function agentThreadMessage(externalId: string, user: string, event: MessageEvent, ctx: NormaliseContext): Outcome {
  if (!event.thread_ts || event.thread_ts === event.ts) return ignore('top-level message in triage');
  const text = slackTextToPlain(event.text ?? '');
  const isNote = ctx.notePrefix !== '' && text.startsWith(ctx.notePrefix);
  const attachments = toAttachments(event.files);
  const action: AgentCommand['action'] = isNote
    ? { type: 'note', text: text.slice(ctx.notePrefix.length).trim() }
    : { type: 'reply', text, ...(attachments && { attachments }) };
  const command: AgentCommand = {
    channel: 'slack',
    externalId,
    agent: { externalUserId: user },
    ticket: { surface: TRIAGE_SURFACE, ref: event.thread_ts },
    action,
    receivedAt: new Date(ctx.now()),
  };
  return { kind: 'intake', event: { kind: 'agent', command } };
}

/**
 * Slack permalink: `<workspace>/archives/<channel>/p<ts without dot>`, with the thread for replies.
 * @example permalink('https://acme.slack.com/', 'C1', '1700000000.000100') // https://acme.slack.com/archives/C1/p1700000000000100
 */
export function permalink(teamUrl: string, channel: string, ts: string, threadTs?: string): string {
  const base = `${teamUrl.replace(/\/+$/, '')}/archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}
