/**
 * Everything one inbound message is handled with: the transaction, the time, the conversation and
 * requester, and the effects collected for the outbox (written by the caller in the same transaction).
 */
import type { Provider, Tx } from '../store/database.ts';
import type { InboundMessage, Language, OutboundReply } from '../model/messages.ts';
import type { AgentNotice } from '../model/delivery.ts';
import type { Conversation, Requester } from '../../prisma/generated/sqlite/client.ts';
import type { KnowledgeService } from '../../knowledge/types.ts';
import type { SlaPort } from '../model/sla-port.ts';
import type { Texts } from './texts.ts';

export interface DialogueConfig {
  /** Prefix of human-friendly ticket numbers, e.g. "FL" -> FL-00042. */
  ticketPrefix: string;
  /** A message within this time after an agent's resolution reopens that ticket; later ones open a new one. */
  reopenWindowMs: number;
  /** Longest text the search looks at; the full text is stored regardless. */
  searchTextLimit: number;
}

export const DEFAULT_DIALOGUE_CONFIG: DialogueConfig = {
  ticketPrefix: 'FL',
  reopenWindowMs: 72 * 3600_000,
  searchTextLimit: 2000,
};

export interface DialogueDeps {
  provider: Provider;
  kb: KnowledgeService;
  sla: SlaPort;
  config: DialogueConfig;
}

export interface ReplyTarget {
  channel: InboundMessage['channel'];
  conversationKey: string;
  /** The Conversation row, so the outgoing message is recorded in its transcript. */
  conversationId: string;
}

export type ReplyAuthor = { kind: 'bot' } | { kind: 'agent'; agentId: string };

export interface PendingReply extends ReplyTarget {
  reply: OutboundReply;
  ticketId?: string;
  author: ReplyAuthor;
}

/** Effects collected during a turn; the inbox processor turns them into outbox rows. */
export class Effects {
  readonly replies: PendingReply[] = [];
  readonly notices: Array<{ ticketId: string; notice: AgentNotice }> = [];

  /** @param notifies whether agent notices go anywhere (an agent surface is configured); cards are built only then. */
  constructor(readonly notifies = true) {}

  reply(target: ReplyTarget, reply: OutboundReply, ticketId?: string, author: ReplyAuthor = { kind: 'bot' }): void {
    this.replies.push({ ...target, reply, author, ...(ticketId ? { ticketId } : {}) });
  }

  notifyAgents(ticketId: string, notice: AgentNotice): void {
    this.notices.push({ ticketId, notice });
  }
}

export interface Turn {
  tx: Tx;
  now: Date;
  deps: DialogueDeps;
  message: InboundMessage;
  /** Id of the stored Message row for this inbound message. */
  messageId: string;
  conversation: Conversation;
  /** Columns of `conversation` changed during the turn, written once at its end (conversation-state.ts). */
  conversationChanges: Partial<Conversation>;
  /** The ticket this turn's inbound message row is linked to, as far as the turn has written it. */
  messageTicketId: string | null;
  requester: Requester;
  language: Language;
  texts: Texts;
  effects: Effects;
  /** True when this conversation was created by this message. */
  firstContact: boolean;
}


/** Replies to the requester of this turn. */
export function say(turn: Turn, reply: OutboundReply | string, ticketId?: string): void {
  const value = typeof reply === 'string' ? { text: reply } : reply;
  turn.effects.reply(
    { channel: turn.message.channel, conversationKey: turn.message.conversationKey, conversationId: turn.conversation.id },
    value,
    ticketId,
  );
}
