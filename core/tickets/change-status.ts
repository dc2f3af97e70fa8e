/**
 * The only way a ticket's status changes: checked against the transition table, stamped with the
 * matching timestamps, and recorded as an event in the same transaction.
 */
import type { Tx } from '../store/database.ts';
import { AppError } from '../model/errors.ts';
import { canTransition, type TicketEventType, type TicketStatus } from '../model/ticket.ts';
import { recordEvent, type Actor } from './events.ts';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';

export interface StatusChange {
  to: TicketStatus;
  actor: Actor;
  at: Date;
  /** Event type to record; defaults to `status_changed`. */
  event?: TicketEventType;
  reason?: string;
  data?: Record<string, unknown>;
  /** Extra columns to update together with the status (assignee, resolvedBy, ...). */
  set?: Partial<Pick<Ticket, 'assigneeId' | 'resolvedBy' | 'supportLine'>>;
}

export async function changeStatus(tx: Tx, ticket: Ticket, change: StatusChange): Promise<Ticket> {
  const from = ticket.status as TicketStatus;
  if (!canTransition(from, change.to)) {
    throw new AppError('invalid_transition', `ticket cannot go from ${from} to ${change.to}`);
  }
  const updated = await tx.ticket.update({
    where: { id: ticket.id },
    data: { status: change.to, ...change.set, ...timestampsFor(ticket, change.to, change.at) },
  });
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

/** Timestamps that follow from entering a status; the SLA clock pauses while waiting for the user. */
function timestampsFor(ticket: Ticket, to: TicketStatus, at: Date): Partial<Ticket> {
  const stamps: Partial<Ticket> = {};
  if (to === 'escalated' && !ticket.escalatedAt) stamps.escalatedAt = at;
  if (to === 'resolved' || to === 'resolved_by_self_service') stamps.resolvedAt = at;
  if (to === 'closed' || to === 'cancelled') stamps.closedAt = at;
  if (to === 'waiting_for_user' && !ticket.pausedAt) stamps.pausedAt = at;
  if (to !== 'waiting_for_user' && ticket.pausedAt) {
    stamps.pausedAt = null;
    stamps.pausedMs = ticket.pausedMs + Math.max(0, at.getTime() - ticket.pausedAt.getTime());
  }
  if ((to === 'in_progress' || to === 'escalated') && ticket.resolvedAt) {
    stamps.resolvedAt = null;
    stamps.resolvedBy = null;
    stamps.reopenCount = ticket.reopenCount + 1;
  }
  return stamps;
}
