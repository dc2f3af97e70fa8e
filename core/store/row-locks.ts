/**
 * Serialises work on one conversation across instances. On PostgreSQL the conversation row is locked for
 * the rest of the transaction (`FOR UPDATE`), so a requester's message and an agent's action on the same
 * chat never interleave. SQLite needs nothing: the driver adapter runs one transaction at a time and the
 * database has a single writer. A requester's turn takes the same lock while reading the conversation
 * (dialogue/identity.ts).
 */
import type { Provider, Tx } from './database.ts';

export async function lockConversationById(tx: Tx, provider: Provider, id: string): Promise<void> {
  if (provider !== 'postgres') return;
  await tx.$queryRawUnsafe('SELECT "id" FROM "Conversation" WHERE "id" = $1 FOR UPDATE', id);
}
