/**
 * Ticket lifecycle, ownership and audit event kinds. Statuses move only along `TRANSITIONS`; every
 * change is recorded as a `status_changed` (or more specific) event by core/tickets.
 *
 *   new -> answered_by_bot -> resolved_by_self_service -> closed
 *     \          \-> escalated -> assigned -> waiting_for_user <-> in_progress -> resolved -> closed
 *      \-> escalated            (release: back to escalated)          reopen: resolved -> in_progress
 * A self-service resolution that is reopened goes to the queue (escalated): the bot already failed once.
 */

export const TICKET_STATUSES = [
  'new',
  'answered_by_bot',
  'resolved_by_self_service',
  'escalated',
  'assigned',
  'waiting_for_user',
  'in_progress',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['answered_by_bot', 'escalated', 'cancelled'],
  answered_by_bot: ['answered_by_bot', 'resolved_by_self_service', 'escalated', 'cancelled'],
  resolved_by_self_service: ['escalated', 'closed'],
  escalated: ['assigned', 'cancelled'],
  assigned: ['waiting_for_user', 'in_progress', 'resolved', 'escalated'],
  waiting_for_user: ['in_progress', 'resolved', 'escalated'],
  in_progress: ['waiting_for_user', 'resolved', 'escalated'],
  resolved: ['in_progress', 'escalated', 'closed'],
  closed: [],
  cancelled: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses in which the ticket is still someone's work. */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'new',
  'answered_by_bot',
  'escalated',
  'assigned',
  'waiting_for_user',
  'in_progress',
];

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Who owns the conversation. While a human (queue or agent) owns it, the bot only relays. */
export const OWNERS = ['bot', 'queue', 'agent'] as const;
export type Owner = (typeof OWNERS)[number];

export const ACTOR_KINDS = ['bot', 'agent', 'requester', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const TICKET_EVENT_TYPES = [
  'created',
  'classified',
  'answered_by_bot',
  'feedback',
  'escalated',
  'assigned',
  'released',
  'agent_message',
  'requester_message',
  'internal_note',
  'status_changed',
  'resolved',
  'reopened',
  'cancelled',
  'closed',
  'csat',
  'priority_changed',
  'category_changed',
  'sla_set',
  'sla_warning',
  'sla_breached',
  'raised_line',
  'delivery_failed',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const SUPPORT_LINES = ['L1', 'L2', 'L3'] as const;
export type SupportLine = (typeof SUPPORT_LINES)[number];

/** Who resolved a ticket, for KPIs that separate the bot's work from humans'. */
export type ResolvedBy = 'bot' | 'agent';

/** `FL-00042`: what users and agents see. */
export function formatTicketNumber(number: number, prefix = 'FL'): string {
  return `${prefix}-${String(number).padStart(5, '0')}`;
}

/** Accepts `FL-00042`, `fl-42`, `#42` or `42`. */
export function parseTicketNumber(text: string): number | undefined {
  const match = /^(?:[a-z]{1,5}-|#)?0*(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

export const PRIORITY_VALUES = ['P1', 'P2', 'P3', 'P4'] as const;
