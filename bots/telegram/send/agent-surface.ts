/**
 * The agents' group as a surface: one forum topic per ticket when the group is a forum, else one root
 * post per ticket with later posts threaded under it. The ticket -> topic/post link is stored through
 * `SendContext.setLink`, so a retried escalation finds the topic it already created.
 */
import type { SendContext, TicketCard } from '../../../core/model/delivery.ts';
import type { BotApi } from '../api/bot-api.ts';
import { AGENT_SURFACE } from '../normalise/options.ts';
import { renderTicketCard, topicName } from '../render/agent-notice.ts';
import type { ChatPoster, Placement } from './chat-poster.ts';

export interface AgentThread {
  placement: Placement;
  /** True when the ticket card was posted while creating the thread. */
  cardPosted: boolean;
  ref: string;
}

export class AgentSurface {
  private forum: boolean | undefined;

  constructor(
    private readonly api: BotApi,
    private readonly poster: ChatPoster,
    readonly chatId: string,
    /** Known forum setting; when undefined it is asked once with getChat. */
    isForum?: boolean,
  ) {
    this.forum = isForum;
  }

  /**
   * The ticket's topic/thread, created (with the card as its first post) when there is none yet, or when
   * the linked one is `gone` (an admin deleted the topic).
   */
  async threadFor(card: TicketCard, context: SendContext, reason?: string, gone?: string): Promise<AgentThread> {
    const forum = await this.isForum();
    const existing = await context.getLink(card.ticketId, AGENT_SURFACE);
    if (existing && existing !== gone) return { placement: placementOf(forum, existing), cardPosted: false, ref: existing };
    const step = { outboxId: context.outboxId, step: gone ? `card-after-${gone}` : 'card' };
    if (forum) {
      const topic = await this.poster.call(this.chatId, () =>
        this.api.call('createForumTopic', { chat_id: this.chatId, name: topicName(card) }),
      );
      const ref = String(topic.message_thread_id);
      await context.setLink(card.ticketId, AGENT_SURFACE, ref);
      await this.poster.post(this.chatId, renderTicketCard(card, reason), { topicId: topic.message_thread_id }, step);
      return { placement: { topicId: topic.message_thread_id }, cardPosted: true, ref };
    }
    const rootId = await this.poster.post(this.chatId, renderTicketCard(card, reason), undefined, step);
    if (rootId === undefined) throw new Error('ticket card was not posted');
    const ref = String(rootId);
    await context.setLink(card.ticketId, AGENT_SURFACE, ref);
    return { placement: { replyTo: rootId }, cardPosted: true, ref };
  }

  private async isForum(): Promise<boolean> {
    if (this.forum === undefined) {
      const chat = await this.api.call('getChat', { chat_id: this.chatId });
      this.forum = 'is_forum' in chat && chat.is_forum === true;
    }
    return this.forum;
  }
}

function placementOf(forum: boolean, ref: string): Placement {
  const id = Number(ref);
  if (!Number.isSafeInteger(id)) return undefined;
  return forum ? { topicId: id } : { replyTo: id };
}
