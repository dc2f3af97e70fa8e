/**
 * SLA policy applied to a ticket: which calendar counts, when each target is due, and what happens
 * when priority or calendar changes mid-life.
 *
 * Rules (the ticket module records the inputs as events; these functions only compute):
 * - Calendar precedence: the priority's own calendar (P1 around the clock), then the queue's, then
 *   the category's, then the default.
 * - Both clocks start at ticket creation and pause while the ticket waits for the user.
 * - Priority or calendar change ({@link recomputeDueTimes}): the NEW targets apply from the original
 *   start, as if the ticket had always had that priority; working time already elapsed is kept as
 *   counted on the calendar(s) in force at the time, and only time after the change counts on the new
 *   calendar. A raised priority whose shorter target is already used up is due in the past, i.e.
 *   breached at once, which is what an agent expects to see.
 * - Reopened after resolution: the caller records the resolved period as a pause (resolvedAt ->
 *   reopenedAt) and clears `resolvedAt`; the resolution clock resumes where it stopped, so months in
 *   the resolved state do not count, and nothing is negative.
 */
import type { Category, Priority } from '../../knowledge/types.ts';
import type { CalendarChange, SupportCalendar } from './calendar-types.ts';
import { readSlaClock, type SlaClockReading } from './clock.ts';
import { assertValidDate } from './errors.ts';
import type { SlaSetup, SlaTarget } from './policy-types.ts';
import { dueIn, runningWindows, type PauseInterval, type SlaTimeline } from './timeline.ts';

/** Where a ticket sits, for choosing its calendar. */
export interface TicketRouting {
  readonly priority: Priority;
  readonly queue?: string;
  readonly category?: Category;
}

export function resolveCalendar(setup: SlaSetup, ticket: TicketRouting): SupportCalendar {
  return (
    setup.priorities[ticket.priority].calendar ??
    (ticket.queue === undefined ? undefined : setup.queues.get(ticket.queue)) ??
    (ticket.category === undefined ? undefined : setup.categories.get(ticket.category)) ??
    setup.defaultCalendar
  );
}

/** What a ticket's SLA depends on. `calendar` is the one in force at creation. */
export interface TicketSlaInput {
  readonly createdAt: Date;
  readonly priority: Priority;
  readonly calendar: SupportCalendar;
  readonly calendarChanges?: readonly CalendarChange[];
  readonly pauses?: readonly PauseInterval[];
  /** First reply by a human; stops the first-response clock. */
  readonly firstRespondedAt?: Date;
  /** Stops the resolution clock; cleared on reopen (see the module comment). */
  readonly resolvedAt?: Date;
}

/** Null while the clock is paused short of its target: the due time is unknown until it runs again. */
export type DueTimes = Readonly<Record<SlaTarget, Date | null>>;

/**
 * Due times of both targets as known at `now`. Pauses and calendar changes dated after `now` are
 * ignored (see timeline.ts).
 *
 * @example
 * computeDueTimes(setup, { createdAt: friday1755, priority: 'P2', calendar: business }, friday1755)
 * // { first_response: monday0955, resolution: ... }
 */
export function computeDueTimes(setup: Pick<SlaSetup, 'priorities'>, ticket: TicketSlaInput, now: Date): DueTimes {
  const windows = runningWindows(timelineOf(ticket), now);
  const targets = setup.priorities[ticket.priority].targetMs;
  return { first_response: dueIn(windows, targets.first_response), resolution: dueIn(windows, targets.resolution) };
}

/** Both clocks of a ticket read at `now`, for warnings, breach checks and agent views. */
export function readTicketSla(setup: Pick<SlaSetup, 'priorities'>, ticket: TicketSlaInput, now: Date): Record<SlaTarget, SlaClockReading> {
  const timeline = timelineOf(ticket);
  const targets = setup.priorities[ticket.priority].targetMs;
  return {
    first_response: readSlaClock(timeline, targets.first_response, now, ticket.firstRespondedAt),
    resolution: readSlaClock(timeline, targets.resolution, now, ticket.resolvedAt),
  };
}

export interface SlaChange {
  readonly at: Date;
  readonly priority: Priority;
  readonly calendar: SupportCalendar;
}

/**
 * Applies a priority and/or calendar change made at `change.at` and returns the updated ticket input
 * (store its calendar changes) with the new due times. A change dated before creation counts from
 * creation; one dated after `now` is taken as happening `now`.
 */
export function recomputeDueTimes(
  setup: Pick<SlaSetup, 'priorities'>,
  ticket: TicketSlaInput,
  change: SlaChange,
  now: Date,
): { ticket: TicketSlaInput; due: DueTimes } {
  const createdMs = assertValidDate(ticket.createdAt, 'createdAt');
  const atMs = Math.min(Math.max(assertValidDate(change.at, 'change.at'), createdMs), assertValidDate(now, 'now'));
  const current = currentCalendar(ticket, atMs);
  const calendarChanges =
    current === change.calendar
      ? ticket.calendarChanges
      : [...(ticket.calendarChanges ?? []), { at: new Date(atMs), calendar: change.calendar }];
  const updated: TicketSlaInput = { ...ticket, priority: change.priority, calendarChanges };
  return { ticket: updated, due: computeDueTimes(setup, updated, now) };
}

function currentCalendar(ticket: TicketSlaInput, atMs: number): SupportCalendar {
  let calendar = ticket.calendar;
  const sorted = [...(ticket.calendarChanges ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const c of sorted) if (c.at.getTime() <= atMs) calendar = c.calendar;
  return calendar;
}

function timelineOf(ticket: TicketSlaInput): SlaTimeline {
  return { start: ticket.createdAt, calendar: ticket.calendar, calendarChanges: ticket.calendarChanges, pauses: ticket.pauses };
}
