/**
 * Per-ticket facts behind the KPIs. Each function is one definition from README-kpi.md; keep them in
 * step. Times are wall-clock (calendar) milliseconds, not working time: they describe what the
 * requester experienced. SLA compliance is where working time counts, through the stored due times.
 */
import type { KpiEvent, KpiTicket } from './load.ts';
import { OPEN_STATUSES, type TicketStatus } from '../model/ticket.ts';

export type SlaOutcome = 'met' | 'breached' | 'pending';

export function isOpenTicket(t: Pick<KpiTicket, 'status'>): boolean {
  return OPEN_STATUSES.includes(t.status as TicketStatus);
}

/** Deflected: resolved by the bot's self-service and never handed to a person. */
export function isDeflected(t: KpiTicket): boolean {
  return t.resolvedBy === 'bot' && t.resolvedAt !== null && t.escalatedAt === null;
}

/** Resolved now (a reopened ticket is not, until resolved again); by whom. */
export function resolvedBy(t: KpiTicket): 'bot' | 'agent' | null {
  if (t.resolvedAt === null) return null;
  return t.resolvedBy === 'bot' || t.resolvedBy === 'agent' ? t.resolvedBy : null;
}

/**
 * First-contact resolution: resolved, never reopened, and, when a person resolved it, handled by one
 * agent only: at most one agent ever assigned, never released back to the queue, never raised to
 * another support line. The bot -> human handoff itself is the designed path, not a second contact.
 */
export function isFirstContactResolution(t: KpiTicket, events: readonly KpiEvent[]): boolean {
  const by = resolvedBy(t);
  if (!by || t.reopenCount > 0 || events.some((e) => e.type === 'reopened')) return false;
  if (by === 'bot') return true;
  const agents = new Set(events.filter((e) => e.type === 'assigned').map((e) => e.actorId ?? '?'));
  return agents.size <= 1 && !events.some((e) => e.type === 'released' || e.type === 'raised_line');
}

/** Time from creation to the bot's first answer (an article shown), or undefined when it never answered. */
export function botFirstAnswerMs(t: KpiTicket, events: readonly KpiEvent[]): number | undefined {
  const first = events.find((e) => e.type === 'answered_by_bot');
  return first ? Math.max(0, first.createdAt.getTime() - t.createdAt.getTime()) : undefined;
}

/** Time from the handoff to a person (first escalation) to the first human reply. */
export function humanFirstResponseMs(t: KpiTicket): number | undefined {
  if (!t.escalatedAt || !t.firstResponseAt) return undefined;
  return Math.max(0, t.firstResponseAt.getTime() - t.escalatedAt.getTime());
}

/** Creation to (latest) resolution, for resolved tickets. */
export function timeToResolveMs(t: KpiTicket): number | undefined {
  return t.resolvedAt ? Math.max(0, t.resolvedAt.getTime() - t.createdAt.getTime()) : undefined;
}

/**
 * One SLA target against its stored due time. The clock stops when the target is met (`doneAt`) or when
 * the ticket entered the pause it is still in (waiting for the user, resolved), whichever came first.
 * - no due time: not measured (undefined);
 * - stopped at or before the due time: met; after it: breached;
 * - not met yet: breached once the clock ran past the due time (open and past due, or paused/closed
 *   after the due time); otherwise pending, or not measured for a ticket closed/cancelled in time.
 */
export function slaOutcome(due: Date | null, doneAt: Date | null, t: KpiTicket, now: Date): SlaOutcome | undefined {
  if (!due) return undefined;
  const pausedAt = t.pausedAt;
  if (doneAt) {
    const stop = pausedAt && pausedAt < doneAt ? pausedAt : doneAt;
    return stop.getTime() <= due.getTime() ? 'met' : 'breached';
  }
  const open = isOpenTicket(t);
  const lastRun = pausedAt ?? (open ? now : t.closedAt ?? now);
  if (lastRun.getTime() > due.getTime()) return 'breached';
  return open ? 'pending' : undefined;
}

/** A resolution also answers the requester: it stops the first-response clock when no reply came first. */
export function firstResponseOutcome(t: KpiTicket, now: Date): SlaOutcome | undefined {
  return slaOutcome(t.firstResponseDue, t.firstResponseAt ?? t.resolvedAt, t, now);
}

export function resolutionOutcome(t: KpiTicket, now: Date): SlaOutcome | undefined {
  return slaOutcome(t.resolutionDue, t.resolvedAt, t, now);
}
