/**
 * Processes one stored requester message inside a transaction: participants, transcript, dialogue, outbox.
 * Returns the number of outbox rows written.
 */
import type { Tx } from '../store/database.ts';
import type { Channel, InboundMessage } from '../model/messages.ts';
import { ensureParticipants } from '../dialogue/identity.ts';
import { chooseLanguage, handleRequesterMessage } from '../dialogue/handle-requester.ts';
import { flushConversation, stageConversation, type StagedConversation } from '../dialogue/conversation-state.ts';
import { newId } from '../store/ids.ts';
import { insertRows } from '../store/rows.ts';
import { Sql } from '../store/sql.ts';
import { Effects, type DialogueDeps, type Turn } from '../dialogue/turn.ts';
import { textsFor } from '../dialogue/texts.ts';
import { writeEffects } from '../outbox/write-effects.ts';
import { describeButton } from '../dialogue/buttons.ts';

export async function processRequesterMessage(
  tx: Tx,
  message: InboundMessage,
  deps: DialogueDeps,
  agentSurfaces: readonly Channel[],
  now: Date,
): Promise<number> {
  const hint = message.sender.languageCode;
  const initial = chooseLanguage(deps.kb, message.text, undefined, hint);
  // Also locks the conversation's row on PostgreSQL (serialises this turn with agents' actions on the chat).
  const { requester, conversation, firstContact } = await ensureParticipants(tx, message, initial, now);
  const staged: StagedConversation = { conversation, conversationChanges: {} };
  const language = firstContact ? initial : chooseLanguage(deps.kb, message.text, conversation.language, hint);
  if (language !== conversation.language) stageConversation(staged, { language });

  const stored = {
    id: newId(),
    conversationId: conversation.id,
    ticketId: conversation.activeTicketId,
    direction: 'in',
    authorKind: 'requester',
    channel: message.channel,
    externalId: message.externalId,
    text: message.action ? describeButton(message.action.payload, textsFor(language)) : message.text,
    attachments: JSON.stringify(message.attachments ?? []),
    // Processing time, not the platform's (Telegram dates are whole seconds): transcripts sort correctly.
    createdAt: now,
  };
  await insertRows(tx, 'Message', [stored], deps.provider);
  const effects = new Effects(agentSurfaces.length > 0);
  const turn: Turn = {
    tx,
    now,
    deps,
    message,
    messageId: stored.id,
    conversation,
    conversationChanges: staged.conversationChanges,
    messageTicketId: stored.ticketId,
    requester,
    language,
    texts: textsFor(language),
    effects,
    firstContact,
  };
  await handleRequesterMessage(turn);
  await linkMessageToTicket(turn, stored.ticketId);
  await flushConversation(tx, staged);
  return writeEffects(tx, effects, agentSurfaces, now);
}

/** A message that opened a ticket is part of it (unless the turn already linked it, e.g. opening the ticket). */
async function linkMessageToTicket(turn: Turn, linked: string | null): Promise<void> {
  const active = turn.conversation.activeTicketId;
  if (linked || !active || turn.messageTicketId === active) return;
  await new Sql(turn.deps.provider).execute(turn.tx, 'UPDATE "Message" SET "ticketId" = ? WHERE "id" = ?', active, turn.messageId);
}
