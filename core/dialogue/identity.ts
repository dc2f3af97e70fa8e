/**
 * Finds or creates the requester (by channel identity) and the conversation (by channel + conversation
 * key). Identity ids are strings, so 52-bit Telegram ids round-trip exactly.
 */
import type { Tx } from '../store/database.ts';
import type { InboundMessage, Language } from '../model/messages.ts';
import type { Conversation, Requester } from '../../prisma/generated/sqlite/client.ts';
import { findRow } from '../store/rows.ts';

export interface Participants {
  requester: Requester;
  conversation: Conversation;
  firstContact: boolean;
}

const NAME_MAX = 120;

function displayNameOf(message: InboundMessage): string {
  const { displayName, username, externalUserId } = message.sender;
  return (displayName?.trim() || (username ? `@${username}` : '') || `${message.channel} user ${externalUserId}`).slice(0, NAME_MAX);
}

export async function ensureParticipants(tx: Tx, message: InboundMessage, language: Language): Promise<Participants> {
  const existing = await findRow<Conversation>(tx, 'Conversation', { channel: message.channel, conversationKey: message.conversationKey });
  if (existing) {
    const requester = await findRow<Requester>(tx, 'Requester', { id: existing.requesterId });
    if (!requester) throw new Error(`requester ${existing.requesterId} of conversation ${existing.id} not found`);
    return { requester, conversation: existing, firstContact: false };
  }
  const requester = await ensureRequester(tx, message, language);
  const conversation = await tx.conversation.create({
    data: {
      requesterId: requester.id,
      channel: message.channel,
      conversationKey: message.conversationKey,
      language,
    },
  });
  const earlier = await tx.conversation.count({ where: { requesterId: requester.id } });
  return { requester, conversation, firstContact: earlier === 1 };
}

async function ensureRequester(tx: Tx, message: InboundMessage, language: Language): Promise<Requester> {
  const key = { channel: message.channel, externalUserId: message.sender.externalUserId };
  const identity = await tx.identity.findUnique({ where: { channel_externalUserId: key }, include: { requester: true } });
  if (identity) return identity.requester;
  return tx.requester.create({
    data: {
      displayName: displayNameOf(message),
      language,
      identities: {
        create: { ...key, username: message.sender.username ?? null, displayName: message.sender.displayName ?? null },
      },
    },
  });
}
