/**
 * The single entry point adapters call. `accept` resolves once the event is durably stored in the inbox
 * (so the adapter may then acknowledge it: webhook 2xx, polling offset, Slack ack); processing happens
 * afterwards, in order per conversation. A replayed event (same channel + external id) resolves with
 * `duplicate: true` and is not processed again.
 */
import type { Channel, InboundMessage } from './messages.ts';

/** Something an agent did on an agent surface (Telegram agents' group, Slack triage channel, console). */
export interface AgentCommand {
  channel: Channel;
  /** Unique per channel, like `InboundMessage.externalId`, for deduplication. */
  externalId: string;
  /** The agent as the channel knows them; the core maps it to an Agent (unknown ones are refused). */
  agent: { externalUserId: string; displayName?: string };
  /** Ticket id, or the surface reference (topic id / thread ts) resolved through links. */
  ticket: { ticketId: string } | { surface: string; ref: string };
  action:
    | { type: 'take' }
    | { type: 'release' }
    | { type: 'resolve'; text?: string }
    | { type: 'reply'; text: string; attachments?: InboundMessage['attachments'] }
    | { type: 'note'; text: string }
    | { type: 'set_priority'; priority: string }
    | { type: 'set_category'; category: string };
  receivedAt: Date;
}

export type IntakeEvent = { kind: 'requester'; message: InboundMessage } | { kind: 'agent'; command: AgentCommand };

export interface IntakeResult {
  /** False only when it was already stored before (a retry or replay). */
  stored: boolean;
  duplicate: boolean;
  inboxId: string;
}

export interface IntakePort {
  accept(event: IntakeEvent): Promise<IntakeResult>;
}
