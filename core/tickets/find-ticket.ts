/** Reads a ticket by id with one raw statement (see store/rows.ts `findRow`); null when there is none. */
import type { Tx } from '../store/database.ts';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { findRow } from '../store/rows.ts';

export function findTicket(tx: Tx, id: string): Promise<Ticket | null> {
  return findRow<Ticket>(tx, 'Ticket', { id });
}
