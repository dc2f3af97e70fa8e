/**
 * What leaves the system. Everything outbound is first written to the outbox (in the same transaction
 * as the change that caused it) and then handed to a `ChannelSender` by the outbox worker, which retries
 * with back-off, honours `retryAfterMs`, and dead-letters after too many attempts.
 */
import type { Channel, Language, OutboundReply } from './messages.ts';

/** A reply to a requester on their own channel. */
export interface RequesterDelivery {
  kind: 'requester_reply';
  /** `InboundMessage.conversationKey` of the requester's conversation. */
  conversationKey: string;
  reply: OutboundReply;
}

/** Ticket facts an agent surface shows (Telegram agents' group topic, Slack triage post, console). */
export interface TicketCard {
  ticketId: string;
  number: string; // human-friendly, e.g. "FL-000123"
  subject: string;
  status: string;
  priority: string;
  category: string;
  type: string;
  language: Language;
  requesterName: string;
  requesterChannel: Channel;
  assigneeName?: string;
  firstResponseDue?: string; // ISO time
  resolutionDue?: string; // ISO time
  /** The article the bot tried, if any. */
  triedArticle?: { key: string; title: string };
  /** Last few messages, oldest first, for context. */
  transcript: Array<{ from: 'requester' | 'bot' | 'agent'; text: string; at: string }>;
  /** Set when an SLA warning/breach is active, for the surface to highlight. */
  slaAlert?: 'warning' | 'breached';
}

/**
 * Notices for agent surfaces. Each surface keeps its own mapping from ticket to its thread/topic/post
 * (see `AgentSurfaceLink`), so a notice names the ticket, not a platform location.
 */
export type AgentNotice =
  | { kind: 'ticket_escalated'; card: TicketCard; reason: string }
  | { kind: 'ticket_updated'; card: TicketCard; change: string }
  | { kind: 'requester_message'; card: TicketCard; text: string; attachments?: number }
  | { kind: 'sla_alert'; card: TicketCard; level: 'warning' | 'breached'; target: 'first_response' | 'resolution' }
  | { kind: 'lead_alert'; card: TicketCard; text: string };

export interface AgentSurfaceDelivery {
  kind: 'agent_notice';
  notice: AgentNotice;
}

export type Delivery = RequesterDelivery | AgentSurfaceDelivery;

/** The outcome of one send attempt; senders never throw for platform refusals. */
export type SendResult =
  | { ok: true; /** platform id of what was created (message ts/id, topic id) */ externalRef?: string }
  | { ok: false; retryable: true; retryAfterMs?: number; error: string }
  | { ok: false; retryable: false; error: string; /** e.g. 'blocked_by_user', 'chat_not_found' */ reason?: string };

/**
 * One platform's sender. `target` is which surface: `requester` replies go to the requester's chat on
 * `channel`; `agents` notices go to that channel's agent surface (Telegram agents' group, Slack triage).
 */
export interface ChannelSender {
  readonly channel: Channel;
  send(delivery: Delivery, context: SendContext): Promise<SendResult>;
}

/** Lets a sender remember where a ticket lives on its surface (forum topic id, Slack thread ts). */
export interface SendContext {
  /** Idempotency key of this outbox row; stable across retries. */
  outboxId: string;
  getLink(ticketId: string, surface: string): Promise<string | undefined>;
  setLink(ticketId: string, surface: string, ref: string): Promise<void>;
}
