/**
 * ChannelSender for Slack. Requester replies go to the DM (user key) or the channel thread encoded in
 * the conversation key; agent notices go to the triage channel: the escalation becomes a post whose ts
 * is linked to the ticket (`slack-triage`), later notices update that post and reply in its thread.
 * One call fails -> one SendResult; the outbox retries (Retry-After honoured), we never sleep here.
 */
import type { AgentNotice, ChannelSender, Delivery, SendContext, SendResult } from '../../../core/model/delivery.ts';
import type { Language } from '../../../core/model/messages.ts';
import { parseConversationKey } from '../conversation-key.ts';
import { describeError, silentLogger, type SlackLogger } from '../logger.ts';
import { TRIAGE_SURFACE } from '../normalise/context.ts';
import { renderReply, type SlackMessageContent } from '../render/reply.ts';
import { renderThreadNotice, renderTicketCard } from '../render/ticket-card.ts';
import { classifyFailure } from './failure.ts';
import { createWebClient, type SlackWebClient } from './web-client.ts';

export interface SlackSenderOptions {
  /** A WebClient from `createWebClient` (retries off). Or give `token` (+ `apiUrl`) and one is made. */
  client?: SlackWebClient;
  token?: string;
  /** `SLACK_API_URL`; default https://slack.com/api/ */
  apiUrl?: string;
  agentChannelId?: string;
  /** SLA lead alerts are posted here; without it they go into the ticket's triage thread. */
  leadChannelId?: string;
  categories: readonly string[];
  notePrefix: string;
  agentLanguage?: Language;
  logger?: SlackLogger;
}

type Failure = Exclude<SendResult, { ok: true }>;
type Step<T> = { ok: true; value: T } | Failure;

const DM_CACHE_LIMIT = 10_000;

export function createSlackSender(options: SlackSenderOptions): ChannelSender {
  const logger = options.logger ?? silentLogger;
  const client = options.client ?? makeClient(options, logger);
  const dmChannels = new Map<string, string>();
  const triage = { categories: options.categories, notePrefix: options.notePrefix, language: options.agentLanguage ?? 'en' };

  async function call<T>(method: string, run: () => Promise<T>): Promise<Step<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const failure = classifyFailure(method, error);
      logger.warn({ method, retryable: failure.retryable, error: failure.error }, 'slack: web api call failed');
      return failure;
    }
  }

  async function post(channel: string, content: SlackMessageContent, threadTs?: string): Promise<Step<string>> {
    const step = await call('chat.postMessage', () =>
      client.chat.postMessage({
        channel,
        text: content.text,
        blocks: content.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs && { thread_ts: threadTs }),
      }),
    );
    if (!step.ok) return step;
    return step.value.ts ? { ok: true, value: step.value.ts } : { ok: false, retryable: false, error: 'chat.postMessage: no ts in response' };
  }

  /** A user id means "the app's DM with this user": open it once (idempotent) and remember the channel. */
  async function dmChannel(userId: string): Promise<Step<string>> {
    const known = dmChannels.get(userId);
    if (known) return { ok: true, value: known };
    const step = await call('conversations.open', () => client.conversations.open({ users: userId }));
    if (!step.ok) return step;
    const id = step.value.channel?.id;
    if (!id) return { ok: false, retryable: false, error: 'conversations.open: no channel in response' };
    if (dmChannels.size >= DM_CACHE_LIMIT) dmChannels.clear();
    dmChannels.set(userId, id);
    return { ok: true, value: id };
  }

  async function sendReply(conversationKey: string, content: SlackMessageContent): Promise<SendResult> {
    const dest = parseConversationKey(conversationKey);
    if (!dest) return { ok: false, retryable: false, error: 'invalid conversation key', reason: 'bad_conversation_key' };
    const isUser = /^[UW]/.test(dest.channel);
    const channel = isUser ? await dmChannel(dest.channel) : ({ ok: true, value: dest.channel } as const);
    if (!channel.ok) return channel;
    const sent = await post(channel.value, content, dest.threadTs);
    return sent.ok ? { ok: true, externalRef: sent.value } : sent;
  }

  async function postRoot(notice: AgentNotice, channel: string, context: SendContext, reason?: string): Promise<Step<string>> {
    const posted = await post(channel, renderTicketCard(notice.card, { ...triage, ...(reason && { reason }) }));
    if (!posted.ok) return posted;
    await context.setLink(notice.card.ticketId, TRIAGE_SURFACE, posted.value);
    return posted;
  }

  /** Refreshes the root post; `missing` when it no longer exists (deleted), so the caller posts a new one. */
  async function updateRoot(notice: AgentNotice, channel: string, ts: string, reason?: string): Promise<Step<'updated' | 'missing' | 'skipped'>> {
    const content = renderTicketCard(notice.card, { ...triage, ...(reason && { reason }) });
    const step = await call('chat.update', () => client.chat.update({ channel, ts, text: content.text, blocks: content.blocks }));
    if (step.ok) return { ok: true, value: 'updated' };
    if (!step.retryable && step.reason === 'message_not_found') return { ok: true, value: 'missing' };
    // A post we may no longer edit (too old, edited elsewhere) must not block the thread reply.
    return step.retryable ? step : { ok: true, value: 'skipped' };
  }

  async function sendNotice(notice: AgentNotice, context: SendContext): Promise<SendResult> {
    if (notice.kind === 'lead_alert' && options.leadChannelId) {
      const sent = await post(options.leadChannelId, renderThreadNotice(notice, triage.language));
      return sent.ok ? { ok: true, externalRef: sent.value } : sent;
    }
    const channel = options.agentChannelId;
    if (!channel) return { ok: false, retryable: false, error: 'SLACK_AGENT_CHANNEL_ID is not set', reason: 'triage_not_configured' };
    const linked = await context.getLink(notice.card.ticketId, TRIAGE_SURFACE);
    const reason = notice.kind === 'ticket_escalated' ? notice.reason : undefined;
    let rootTs = linked;
    if (rootTs) {
      const updated = await updateRoot(notice, channel, rootTs, reason);
      if (!updated.ok) return updated;
      if (updated.value === 'missing') rootTs = undefined;
    }
    if (!rootTs) {
      const root = await postRoot(notice, channel, context, reason);
      if (!root.ok) return root;
      if (notice.kind === 'ticket_escalated') return { ok: true, externalRef: root.value };
      rootTs = root.value;
    }
    // Escalated again (e.g. released and re-queued): the post is refreshed and the reason noted in its thread.
    const sent = await post(channel, renderThreadNotice(notice, triage.language), rootTs);
    return sent.ok ? { ok: true, externalRef: sent.value } : sent;
  }

  return {
    channel: 'slack',
    async send(delivery: Delivery, context: SendContext): Promise<SendResult> {
      if (delivery.kind === 'requester_reply') return sendReply(delivery.conversationKey, renderReply(delivery.reply));
      try {
        return await sendNotice(delivery.notice, context);
      } catch (error) {
        // getLink/setLink failed (our store): retry later; the platform did not refuse anything.
        return { ok: false, retryable: true, error: `slack-triage link: ${describeError(error)}` };
      }
    },
  };
}

function makeClient(options: SlackSenderOptions, logger: SlackLogger): SlackWebClient {
  if (!options.token) throw new Error('createSlackSender needs a client or a token');
  return createWebClient(options.token, { apiUrl: options.apiUrl ?? 'https://slack.com/api/', logger });
}
