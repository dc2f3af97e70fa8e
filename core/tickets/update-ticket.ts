/**
 * Writes columns of a ticket the caller already holds and returns the row as it now is, without reading
 * it back (one raw statement instead of a model call; see store/sql.ts). Undefined values are left out,
 * as in Prisma; `updatedAt` is stamped like Prisma's `@updatedAt`.
 */
import type { Tx } from '../store/database.ts';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { updateRow } from '../store/rows.ts';

export async function updateTicket(tx: Tx, ticket: Ticket, data: Partial<Ticket>): Promise<Ticket> {
  const set: Partial<Ticket> = {};
  for (const [key, value] of Object.entries(data)) if (value !== undefined) (set as Record<string, unknown>)[key] = value;
  set.updatedAt = new Date();
  await updateRow(tx, 'Ticket', ticket.id, set);
  return { ...ticket, ...set };
}
