/**
 * The only way a ticket's status changes: checked against the transition table, stamped with the
 * matching timestamps, and recorded as an event in the same transaction.
 */
import type { Tx } from '../store/database.ts';
import { AppError } from '../model/errors.ts';
import { canTransition, type TicketEventType, type TicketStatus } from '../model/ticket.ts';
import { recordEvent, type Actor } from './events.ts';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { updateTicket } from './update-ticket.ts';

export interface StatusChange {
  to: TicketStatus;
  actor: Actor;
  at: Date;
  /** Event type to record; defaults to `status_changed`. */
  event?: TicketEventType;
  reason?: string;
  data?: Record<string, unknown>;
  /** Extra columns to update together with the status (assignee, resolvedBy, ...). */
  set?: Partial<Pick<Ticket, 'assigneeId' | 'resolvedBy' | 'supportLine' | 'articleKey'>>;
}

/** Measures a pause in the ticket's working time (SLA calendars); see core/sla. */
export type PauseMeter = (ticket: Ticket, resumedAt: Date) => number;

export async function changeStatus(tx: Tx, ticket: Ticket, change: StatusChange, pauseMeter: PauseMeter): Promise<Ticket> {
  const from = ticket.status as TicketStatus;
  if (!canTransition(from, change.to)) {
    throw new AppError('invalid_transition', `ticket cannot go from ${from} to ${change.to}`);
  }
  const updated = await updateTicket(tx, ticket, { status: change.to, ...change.set, ...timestampsFor(ticket, change.to, change.at, pauseMeter) });
  await recordEvent(tx, {
    ticketId: ticket.id,
    type: change.event ?? 'status_changed',
    actor: change.actor,
    at: change.at,
    from,
    to: change.to,
    data: { ...(change.reason ? { reason: change.reason } : {}), ...change.data },
  });
  return updated;
}

/**
 * Timestamps that follow from entering a status. The SLA clock pauses while waiting for the user and while
 * resolved (so a ticket reopened after months does not count them); `pausedMs` sums paused working time.
 */
function timestampsFor(ticket: Ticket, to: TicketStatus, at: Date, pauseMeter: PauseMeter): Partial<Ticket> {
  const stamps: Partial<Ticket> = {};
  if (to === 'escalated' && !ticket.escalatedAt) stamps.escalatedAt = at;
  if (to === 'resolved' || to === 'resolved_by_self_service') stamps.resolvedAt = at;
  if (to === 'closed' || to === 'cancelled') stamps.closedAt = at;
  const pauses = to === 'waiting_for_user' || to === 'resolved';
  if (pauses && !ticket.pausedAt) stamps.pausedAt = at;
  if (!pauses && ticket.pausedAt) {
    stamps.pausedAt = null;
    stamps.pausedMs = ticket.pausedMs + Math.max(0, Math.round(pauseMeter(ticket, at)));
  }
  if ((to === 'in_progress' || to === 'escalated') && ticket.resolvedAt) {
    stamps.resolvedAt = null;
    stamps.resolvedBy = null;
    stamps.reopenCount = ticket.reopenCount + 1;
  }
  return stamps;
}
