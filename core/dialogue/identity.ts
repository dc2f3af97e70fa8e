/**
 * Finds or creates the requester (by channel identity) and the conversation (by channel + conversation
 * key). Identity ids are strings, so 52-bit Telegram ids round-trip exactly.
 */
import type { Tx } from '../store/database.ts';
import type { InboundMessage, Language } from '../model/messages.ts';
import type { Conversation, Identity, Requester } from '../../prisma/generated/sqlite/client.ts';
import { findRow, insertRows } from '../store/rows.ts';
import { newId } from '../store/ids.ts';
import { Sql, providerOfClient, toInt } from '../store/sql.ts';

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

/**
 * `now` is the turn's time (the injected clock), so records of one turn share one timestamp. On
 * PostgreSQL an existing conversation's row is locked for the rest of the transaction by the same
 * statement that reads it (see store/row-locks.ts for why it is locked).
 */
export async function ensureParticipants(tx: Tx, message: InboundMessage, language: Language, now: Date): Promise<Participants> {
  const existing = await findConversationWithRequester(tx, message);
  if (existing) return { ...existing, firstContact: false };
  const { requester, created } = await ensureRequester(tx, message, language, now);
  const conversation: Conversation = {
    id: newId(),
    requesterId: requester.id,
    channel: message.channel,
    conversationKey: message.conversationKey,
    owner: 'bot',
    ownerAgentId: null,
    activeTicketId: null,
    state: 'idle',
    stateData: '{}',
    language,
    createdAt: now,
    updatedAt: now,
  };
  await insertRows(tx, 'Conversation', [conversation]);
  // A requester created just now has no other conversation.
  const earlier = created ? 1 : await countConversations(tx, requester.id);
  return { requester, conversation, firstContact: earlier === 1 };
}

/**
 * The conversation and its requester in one statement (on PostgreSQL also the conversation's row lock:
 * one round trip instead of two). The requester's columns are aliased (`r_*`); raw results keep the model
 * types of the selected columns on both providers.
 */
async function findConversationWithRequester(tx: Tx, message: InboundMessage): Promise<Omit<Participants, 'firstContact'> | undefined> {
  type Row = Conversation & { r_displayName: string; r_language: string; r_createdAt: Date };
  const provider = providerOfClient(tx);
  const rows = await new Sql(provider).query<Row>(
    tx,
    `SELECT c.*, r."displayName" AS "r_displayName", r."language" AS "r_language", r."createdAt" AS "r_createdAt"
     FROM "Conversation" c JOIN "Requester" r ON r."id" = c."requesterId" WHERE c."channel" = ? AND c."conversationKey" = ? LIMIT 1${provider === 'postgres' ? ' FOR UPDATE OF c' : ''}`,
    message.channel,
    message.conversationKey,
  );
  const row = rows[0];
  if (!row) return undefined;
  const { r_displayName, r_language, r_createdAt, ...conversation } = row;
  return { conversation, requester: { id: conversation.requesterId, displayName: r_displayName, language: r_language, createdAt: r_createdAt } };
}

async function countConversations(tx: Tx, requesterId: string): Promise<number> {
  const rows = await new Sql(providerOfClient(tx)).query<{ n: unknown }>(tx, 'SELECT COUNT(*) AS "n" FROM "Conversation" WHERE "requesterId" = ?', requesterId);
  return toInt(rows[0]?.n);
}

async function ensureRequester(tx: Tx, message: InboundMessage, language: Language, now: Date): Promise<{ requester: Requester; created: boolean }> {
  const key = { channel: message.channel, externalUserId: message.sender.externalUserId };
  const identity = await findRow<Identity>(tx, 'Identity', key);
  if (identity) {
    const requester = await findRow<Requester>(tx, 'Requester', { id: identity.requesterId });
    if (!requester) throw new Error(`requester ${identity.requesterId} of identity ${identity.id} not found`);
    return { requester, created: false };
  }
  const requester: Requester = { id: newId(), displayName: displayNameOf(message), language, createdAt: now };
  await insertRows(tx, 'Requester', [requester]);
  await insertRows(tx, 'Identity', [
    { id: newId(), requesterId: requester.id, ...key, username: message.sender.username ?? null, displayName: message.sender.displayName ?? null, createdAt: now },
  ]);
  return { requester, created: true };
}
