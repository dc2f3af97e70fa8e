/**
 * The conversation's dialogue state: what the bot is waiting for. Ownership (bot | queue | agent) is a
 * separate column; the state only matters while the bot owns the conversation.
 */
import type { Tx } from '../store/database.ts';
import type { Conversation } from '../../prisma/generated/sqlite/client.ts';
import type { Owner } from '../model/ticket.ts';
import { updateRow } from '../store/rows.ts';

export const DIALOGUE_STATES = ['idle', 'awaiting_feedback', 'awaiting_choice', 'awaiting_csat'] as const;
export type DialogueState = (typeof DIALOGUE_STATES)[number];

export interface StateData {
  ticketId?: string;
  articleKey?: string;
  /** Article keys offered when two answers were too close to call. */
  options?: string[];
  /** Set by /new: the next message starts a new ticket even within the reopen window. */
  fresh?: boolean;
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

function columnsOf(update: ConversationUpdate): Partial<Conversation> {
  const data: Partial<Conversation> = {};
  if (update.state !== undefined) data.state = update.state;
  if (update.data !== undefined) data.stateData = JSON.stringify(update.data);
  if (update.owner !== undefined) data.owner = update.owner;
  if (update.ownerAgentId !== undefined) data.ownerAgentId = update.ownerAgentId;
  if (update.activeTicketId !== undefined) data.activeTicketId = update.activeTicketId;
  if (update.language !== undefined) data.language = update.language;
  return data;
}

/** Writes the update and mutates the in-memory row so later steps see it. */
export async function updateConversation(tx: Tx, conversation: Conversation, update: ConversationUpdate): Promise<void> {
  await writeConversation(tx, conversation, columnsOf(update));
}

/** A turn's conversation with the columns changed so far and not yet written (see `stageConversation`). */
export interface StagedConversation {
  conversation: Conversation;
  conversationChanges: Partial<Conversation>;
}

/**
 * Applies the update to the in-memory row at once (later steps of the turn see it) and keeps the changed
 * columns for one write at the end of the turn (`flushConversation`), inside the same transaction.
 */
export function stageConversation(turn: StagedConversation, update: ConversationUpdate): void {
  const data = columnsOf(update);
  Object.assign(turn.conversation, data);
  Object.assign(turn.conversationChanges, data);
}

/** Writes the staged columns in one statement (nothing when none changed). */
export async function flushConversation(tx: Tx, turn: StagedConversation): Promise<void> {
  const changes = turn.conversationChanges;
  if (Object.keys(changes).length === 0) return;
  await writeConversation(tx, turn.conversation, changes);
  for (const key of Object.keys(changes)) delete (changes as Record<string, unknown>)[key];
}

async function writeConversation(tx: Tx, conversation: Conversation, data: Partial<Conversation>): Promise<void> {
  const set = { ...data, updatedAt: new Date() };
  await updateRow(tx, 'Conversation', conversation.id, set);
  Object.assign(conversation, set);
}
