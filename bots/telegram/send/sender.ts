/**
 * The Telegram `ChannelSender`: requester replies go to the requester's private chat, agent notices to
 * the agents' group (one forum topic or reply thread per ticket). Never throws: every outcome is a
 * `SendResult` for the outbox worker (429 -> retry after `retry_after`, 403 blocked -> give up).
 *
 * @example
 * const sender = createTelegramSender({ token, apiRoot, agentChatId: '-1001234567890' });
 * await sender.send({ kind: 'requester_reply', conversationKey: '42', reply: { text: 'Hi' } }, context);
 */
import type { AgentNotice, ChannelSender, Delivery, SendContext, SendResult } from '../../../core/model/delivery.ts';
import { BotApi } from '../api/bot-api.ts';
import { describeError } from '../api/errors.ts';
import { systemClock, type Clock } from '../clock.ts';
import { silentLogger, type TelegramLogger } from '../logger.ts';
import { renderAgentNotice, renderTicketCard } from '../render/agent-notice.ts';
import { renderReply } from '../render/reply.ts';
import { AgentSurface } from './agent-surface.ts';
import { ChatPoster } from './chat-poster.ts';
import { DEFAULT_RATE_LIMITS, type TelegramRateLimits } from './limits.ts';
import { refused, toSendResult } from './map-error.ts';
import { ProgressMemo } from './progress-memo.ts';
import { RateLimiter } from './rate-limiter.ts';

export interface TelegramSenderOptions {
  /** A ready client, or `token` (+ `apiRoot`) to make one. */
  api?: BotApi;
  token?: string;
  apiRoot?: string;
  /** `TELEGRAM_AGENT_CHAT_ID`; without it agent notices are refused (non-retryable). */
  agentChatId?: string;
  /** Whether the agents' group is a forum; asked with getChat on first use when not given. */
  agentChatIsForum?: boolean;
  /** SLA lead alerts are posted here as plain messages; without it they go into the ticket's topic. */
  leadChatId?: string;
  limits?: Partial<TelegramRateLimits>;
  clock?: Clock;
  logger?: TelegramLogger;
}

export function createTelegramSender(options: TelegramSenderOptions): ChannelSender {
  const api = options.api ?? new BotApi({ token: requireToken(options.token), ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) });
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const memo = new ProgressMemo();
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  const poster = new ChatPoster(api, new RateLimiter({ clock }), limits, memo, clock);
  const surface = options.agentChatId ? new AgentSurface(api, poster, options.agentChatId, options.agentChatIsForum) : undefined;

  async function deliver(delivery: Delivery, context: SendContext): Promise<SendResult> {
    if (delivery.kind === 'requester_reply') {
      const rendered = renderReply(delivery.reply);
      if (rendered.dropped.length) logger.warn({ dropped: rendered.dropped.map((b) => b.label) }, 'telegram: buttons with unusable payloads left out');
      const id = await poster.post(delivery.conversationKey, rendered, undefined, { outboxId: context.outboxId, step: 'reply' });
      return id === undefined ? { ok: true } : { ok: true, externalRef: String(id) };
    }
    if (delivery.notice.kind === 'lead_alert' && options.leadChatId) {
      const id = await poster.post(options.leadChatId, renderAgentNotice(delivery.notice), undefined, { outboxId: context.outboxId, step: 'lead' });
      return id === undefined ? { ok: true } : { ok: true, externalRef: String(id) };
    }
    if (!surface) return refused('agents_chat_not_configured', 'TELEGRAM_AGENT_CHAT_ID is not set');
    return deliverNotice(surface, delivery.notice, context);
  }

  async function deliverNotice(agents: AgentSurface, notice: AgentNotice, context: SendContext): Promise<SendResult> {
    const reason = notice.kind === 'ticket_escalated' ? `Escalated: ${notice.reason}` : undefined;
    const message = notice.kind === 'ticket_escalated' ? renderTicketCard(notice.card, reason) : renderAgentNotice(notice);
    const postInto = async (gone?: string): Promise<SendResult> => {
      const thread = await agents.threadFor(notice.card, context, reason, gone);
      if (notice.kind === 'ticket_escalated' && thread.cardPosted) return { ok: true, externalRef: thread.ref };
      try {
        const id = await poster.post(agents.chatId, message, thread.placement, { outboxId: context.outboxId, step: `notice-${thread.ref}` });
        return { ok: true, externalRef: id === undefined ? thread.ref : String(id) };
      } catch (error) {
        if (gone === undefined && isThreadGone(error)) {
          logger.warn({ ticketId: notice.card.ticketId, ref: thread.ref }, 'telegram: ticket topic was deleted; opening a new one');
          return postInto(thread.ref);
        }
        throw error;
      }
    };
    return postInto();
  }

  return {
    channel: 'telegram',
    async send(delivery, context) {
      try {
        const result = await deliver(delivery, context);
        memo.forget(context.outboxId);
        return result;
      } catch (error) {
        const result = toSendResult(error);
        if (!result.ok && !result.retryable) memo.forget(context.outboxId);
        logger.warn({ outboxId: context.outboxId, result, detail: describeError(error) }, 'telegram: send failed');
        return result;
      }
    },
  };
}

function isThreadGone(error: unknown): boolean {
  const result = toSendResult(error);
  return !result.ok && !result.retryable && result.reason === 'thread_not_found';
}

function requireToken(token: string | undefined): string {
  if (!token) throw new Error('createTelegramSender needs `api` or `token`');
  return token;
}
