/**
 * The {@link SlaPort} the dialogue and ticket code use, implemented over a parsed {@link SlaSetup},
 * plus what an SLA sweep needs (clock readings and escalation decisions for a stored ticket).
 *
 * How a stored ticket maps onto the clock (the ticket row keeps aggregates, not pause intervals):
 * - calendar: `resolveCalendar` with the ticket's priority, `supportLine` as the queue, and category.
 *   The row has no calendar history, so a calendar change applies from creation here; use
 *   `recomputeDueTimes` with recorded changes where the history is known.
 * - `pausedMs` must be paused WORKING time of closed pauses: add {@link FrontlineSlaPort.pausedWorkingMs}
 *   when a pause ends. `pausedAt` is the open pause. Closed pauses are placed at the start of the
 *   timeline, which gives exactly `due = created + target + paused` and the same elapsed time.
 * - `firstResponseAt` / `resolvedAt` stop the clocks. A reopen should add the resolved stretch to
 *   `pausedMs` (or keep `pausedAt` set while resolved), so the months in between do not count.
 */
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import type { Clock } from '../clock.ts';
import type { DueTimes as PortDueTimes, SlaPort } from '../model/sla-port.ts';
import type { Category } from '../../knowledge/types.ts';
import { CATEGORIES } from '../../knowledge/types.ts';
import type { SupportCalendar } from './calendar-types.ts';
import { addWorkingTime, isWorkingTime, nextWorkingStart, workingTimeBetween } from './calendar.ts';
import type { SlaClockReading } from './clock.ts';
import { evaluateEscalation, type EscalationDecision, type SentNotice } from './escalation.ts';
import { formatReplyTime } from './out-of-hours.ts';
import { computeDueTimes, readTicketSla, resolveCalendar, type TicketSlaInput } from './policy.ts';
import type { PauseInterval } from './timeline.ts';
import { PRIORITIES, SUPPORT_LINES, type Priority, type SlaSetup, type SlaTarget, type SupportLine } from './policy-types.ts';

export interface FrontlineSlaPort extends SlaPort {
  calendarOf(ticket: Ticket): SupportCalendar;
  /** Working time between the open pause's start and `resumedAt`: the amount to add to `pausedMs`. */
  pausedWorkingMs(ticket: Ticket, resumedAt: Date): number;
  readings(ticket: Ticket, now: Date): Record<SlaTarget, SlaClockReading>;
  /** Notices due and the line to raise to; `sent` comes from the ticket's sla_warning/sla_breached events. */
  escalation(ticket: Ticket, now: Date, sent: readonly SentNotice[]): EscalationDecision;
}

export function createSlaPort(setup: SlaSetup, clock: Clock): FrontlineSlaPort {
  const calendarOf = (t: Ticket): SupportCalendar =>
    resolveCalendar(setup, { priority: priorityOf(t), queue: t.supportLine, ...categoryOf(t) });
  const input = (t: Ticket): TicketSlaInput => toSlaInput(t, priorityOf(t), calendarOf(t));
  return {
    calendarOf,
    dueTimes(ticket, now): PortDueTimes {
      const due = computeDueTimes(setup, input(ticket), now);
      return { firstResponseDue: due.first_response, resolutionDue: due.resolution };
    },
    nextHumanAvailable(ticket, now) {
      const cal = calendarOf(ticket);
      return isWorkingTime(cal, now) ? undefined : nextWorkingStart(cal, now);
    },
    formatForRequester: (at, language, ticket) => formatReplyTime(at, calendarOf(ticket).timeZone, language, clock.now()),
    pausedWorkingMs: (ticket, resumedAt) =>
      ticket.pausedAt ? workingTimeBetween(calendarOf(ticket), ticket.pausedAt, resumedAt) : 0,
    readings: (ticket, now) => readTicketSla(setup, input(ticket), now),
    escalation(ticket, now, sent) {
      const readings = readTicketSla(setup, input(ticket), now);
      return evaluateEscalation(setup.escalation, { priority: priorityOf(ticket), line: lineOf(ticket), readings, sent });
    },
  };
}

/** Closed pauses as one pause from creation, plus the open pause if any (see the module comment). */
function toSlaInput(t: Ticket, priority: Priority, calendar: SupportCalendar): TicketSlaInput {
  const pauses: PauseInterval[] = [];
  if (t.pausedMs > 0) pauses.push({ from: t.createdAt, to: addWorkingTime(calendar, t.createdAt, t.pausedMs) });
  if (t.pausedAt) pauses.push({ from: t.pausedAt });
  return {
    createdAt: t.createdAt,
    priority,
    calendar,
    pauses,
    ...(t.firstResponseAt ? { firstRespondedAt: t.firstResponseAt } : {}),
    ...(t.resolvedAt ? { resolvedAt: t.resolvedAt } : {}),
  };
}

/** Unknown values in the row fall back to the schema defaults rather than failing an SLA sweep. */
function priorityOf(t: Ticket): Priority {
  return PRIORITIES.find((p) => p === t.priority) ?? 'P3';
}

function lineOf(t: Ticket): SupportLine {
  return SUPPORT_LINES.find((l) => l === t.supportLine) ?? 'L1';
}

function categoryOf(t: Ticket): { category?: Category } {
  const category = CATEGORIES.find((c) => c === t.category);
  return category ? { category } : {};
}
