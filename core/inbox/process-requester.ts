/** Processes one stored requester message inside a transaction: participants, transcript, dialogue, outbox. */
import type { Tx } from '../store/database.ts';
import type { Channel, InboundMessage } from '../model/messages.ts';
import { ensureParticipants } from '../dialogue/identity.ts';
import { chooseLanguage, handleRequesterMessage } from '../dialogue/handle-requester.ts';
import { updateConversation } from '../dialogue/conversation-state.ts';
import { Effects, turnTexts, type DialogueDeps, type Turn } from '../dialogue/turn.ts';
import { writeEffects } from '../outbox/write-effects.ts';
import { describeButton } from '../dialogue/buttons.ts';
import { lockConversationByKey } from '../store/row-locks.ts';

export async function processRequesterMessage(
  tx: Tx,
  message: InboundMessage,
  deps: DialogueDeps,
  agentSurfaces: readonly Channel[],
  now: Date,
): Promise<void> {
  await lockConversationByKey(tx, deps.provider, message.channel, message.conversationKey);
  const hint = message.sender.languageCode;
  const initial = chooseLanguage(deps.kb, message.text, undefined, hint);
  const { requester, conversation, firstContact } = await ensureParticipants(tx, message, initial);
  const language = firstContact ? initial : chooseLanguage(deps.kb, message.text, conversation.language, hint);
  if (language !== conversation.language) await updateConversation(tx, conversation, { language });

  const stored = await tx.message.create({
    data: {
      conversationId: conversation.id,
      ticketId: conversation.activeTicketId,
      direction: 'in',
      authorKind: 'requester',
      channel: message.channel,
      externalId: message.externalId,
      text: message.action ? describeButton(message.action.payload, turnTexts(language)) : message.text,
      attachments: JSON.stringify(message.attachments ?? []),
      // Processing time, not the platform's (Telegram dates are whole seconds): transcripts sort correctly.
      createdAt: now,
    },
  });
  const effects = new Effects();
  const turn: Turn = {
    tx,
    now,
    deps,
    message,
    messageId: stored.id,
    conversation,
    requester,
    language,
    texts: turnTexts(language),
    effects,
    firstContact,
  };
  await handleRequesterMessage(turn);
  await linkMessageToTicket(tx, stored.id, stored.ticketId, turn.conversation.activeTicketId);
  await writeEffects(tx, effects, agentSurfaces, now);
}

/** A message that opened a ticket is part of it. */
async function linkMessageToTicket(tx: Tx, messageId: string, linked: string | null, active: string | null): Promise<void> {
  if (!linked && active) await tx.message.update({ where: { id: messageId }, data: { ticketId: active } });
}
