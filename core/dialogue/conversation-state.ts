/**
 * The conversation's dialogue state: what the bot is waiting for. Ownership (bot | queue | agent) is a
 * separate column; the state only matters while the bot owns the conversation.
 */
import type { Tx } from '../store/database.ts';
import type { Conversation } from '../../prisma/generated/sqlite/client.ts';
import type { Owner } from '../model/ticket.ts';

export const DIALOGUE_STATES = ['idle', 'awaiting_feedback', 'awaiting_choice', 'awaiting_csat'] as const;
export type DialogueState = (typeof DIALOGUE_STATES)[number];

export interface StateData {
  ticketId?: string;
  articleKey?: string;
  /** Article keys offered when two answers were too close to call. */
  options?: string[];
}

export function readState(conversation: Conversation): { state: DialogueState; data: StateData } {
  const state = (DIALOGUE_STATES as readonly string[]).includes(conversation.state) ? (conversation.state as DialogueState) : 'idle';
  try {
    return { state, data: JSON.parse(conversation.stateData) as StateData };
  } catch {
    return { state: 'idle', data: {} };
  }
}

export interface ConversationUpdate {
  state?: DialogueState;
  data?: StateData;
  owner?: Owner;
  ownerAgentId?: string | null;
  activeTicketId?: string | null;
  language?: string;
}

/** Writes the update and mutates the in-memory row so later steps of the turn see it. */
export async function updateConversation(tx: Tx, conversation: Conversation, update: ConversationUpdate): Promise<void> {
  const data: Partial<Conversation> = {};
  if (update.state !== undefined) data.state = update.state;
  if (update.data !== undefined) data.stateData = JSON.stringify(update.data);
  if (update.owner !== undefined) data.owner = update.owner;
  if (update.ownerAgentId !== undefined) data.ownerAgentId = update.ownerAgentId;
  if (update.activeTicketId !== undefined) data.activeTicketId = update.activeTicketId;
  if (update.language !== undefined) data.language = update.language;
  const updated = await tx.conversation.update({ where: { id: conversation.id }, data });
  Object.assign(conversation, updated);
}
