/**
 * A ticket's SLA clock as a timeline: it starts at `start`, runs on the calendar in force, and stops
 * during pauses (waiting for the user). Everything the clock helpers compute comes from the list of
 * running windows built here.
 *
 * Rules that keep results sane with bad clocks and old tickets:
 * - Only what happened up to `now` counts. A pause or calendar change dated after `now` (the clock
 *   jumped backwards) is ignored until `now` catches up; a pause whose end is after `now` is still open.
 * - Pauses before `start` are cut at `start`; inverted pauses (to <= from) are ignored; overlapping
 *   pauses are merged, so no time is subtracted twice.
 * - `now < start` means nothing has elapsed yet; the clock is assumed to start at `start`.
 * - A calendar change applies from its instant on; working time before it stays counted on the old
 *   calendar (see `recomputeDueTimes` in policy.ts).
 */
import type { CalendarChange, SupportCalendar } from './calendar-types.ts';
import { addWorkingTime, workingTimeBetween } from './calendar.ts';
import { assertValidDate } from './errors.ts';

/** While waiting for the user. `to` absent: still paused. */
export interface PauseInterval {
  readonly from: Date;
  readonly to?: Date;
}

export interface SlaTimeline {
  /** When the clock started: ticket creation (or the moment the SLA applies). */
  readonly start: Date;
  /** Calendar in force at `start`. */
  readonly calendar: SupportCalendar;
  readonly calendarChanges?: readonly CalendarChange[];
  readonly pauses?: readonly PauseInterval[];
}

/** A stretch in which the clock runs on one calendar; `toMs` undefined = still running at `now`. */
export interface RunningWindow {
  readonly fromMs: number;
  readonly toMs: number | undefined;
  readonly calendar: SupportCalendar;
}

export const CLOCK_PHASES = ['running', 'paused'] as const;
export type ClockPhase = (typeof CLOCK_PHASES)[number];

/**
 * Converts a status history ("from this instant the clock runs / is paused") into pauses. The
 * ticket module maps its statuses to phases (e.g. waiting_for_user -> paused); repeated phases are
 * harmless.
 */
export function pausesFromPhases(changes: readonly { at: Date; phase: ClockPhase }[]): PauseInterval[] {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const pauses: PauseInterval[] = [];
  let pausedSince: Date | undefined;
  for (const change of sorted) {
    if (change.phase === 'paused' && !pausedSince) pausedSince = change.at;
    if (change.phase === 'running' && pausedSince) {
      pauses.push({ from: pausedSince, to: change.at });
      pausedSince = undefined;
    }
  }
  if (pausedSince) pauses.push({ from: pausedSince });
  return pauses;
}

/** The windows in which the clock ran (or runs) up to `now`, in order. */
export function runningWindows(timeline: SlaTimeline, now: Date): RunningWindow[] {
  const startMs = assertValidDate(timeline.start, 'timeline.start');
  const nowMs = Math.max(assertValidDate(now, 'now'), startMs);
  const windows: RunningWindow[] = [];
  let cursor = startMs;
  for (const [pauseFrom, pauseTo] of mergedPauses(timeline.pauses ?? [], startMs, nowMs)) {
    if (pauseFrom > cursor) windows.push(...splitByCalendar(timeline, cursor, pauseFrom, nowMs));
    if (pauseTo === undefined) return windows; // paused now: no open window
    cursor = Math.max(cursor, pauseTo);
  }
  windows.push(...splitByCalendar(timeline, cursor, undefined, nowMs));
  return windows;
}

/** Pauses clipped to [start, now], sorted and merged; an open one ends the list. */
function mergedPauses(pauses: readonly PauseInterval[], startMs: number, nowMs: number): [number, number | undefined][] {
  const clipped: [number, number | undefined][] = [];
  for (const p of pauses) {
    const from = Math.max(assertValidDate(p.from, 'pause.from'), startMs);
    const rawTo = p.to === undefined ? undefined : assertValidDate(p.to, 'pause.to');
    if (from > nowMs) continue; // not started yet as far as `now` knows
    const to = rawTo === undefined || rawTo > nowMs ? undefined : rawTo;
    if (to !== undefined && to <= from) continue;
    clipped.push([from, to]);
  }
  clipped.sort((a, b) => a[0] - b[0]);
  const merged: [number, number | undefined][] = [];
  for (const [from, to] of clipped) {
    const last = merged[merged.length - 1];
    if (last && (last[1] === undefined || from <= last[1])) {
      last[1] = last[1] === undefined || to === undefined ? undefined : Math.max(last[1], to);
    } else merged.push([from, to]);
  }
  return merged;
}

/** Cuts [fromMs, toMs) at calendar changes that happened by `now`. */
function splitByCalendar(timeline: SlaTimeline, fromMs: number, toMs: number | undefined, nowMs: number): RunningWindow[] {
  const changes = (timeline.calendarChanges ?? [])
    .map((c) => ({ atMs: assertValidDate(c.at, 'calendarChange.at'), calendar: c.calendar }))
    .filter((c) => c.atMs <= nowMs)
    .sort((a, b) => a.atMs - b.atMs);
  const out: RunningWindow[] = [];
  let cursor = fromMs;
  let calendar = calendarAt(timeline.calendar, changes, fromMs);
  for (const change of changes) {
    if (change.atMs <= cursor) continue;
    if (toMs !== undefined && change.atMs >= toMs) break;
    out.push({ fromMs: cursor, toMs: change.atMs, calendar });
    cursor = change.atMs;
    calendar = change.calendar;
  }
  out.push({ fromMs: cursor, toMs, calendar });
  return out;
}

function calendarAt(base: SupportCalendar, changes: readonly { atMs: number; calendar: SupportCalendar }[], atMs: number): SupportCalendar {
  let calendar = base;
  for (const change of changes) if (change.atMs <= atMs) calendar = change.calendar;
  return calendar;
}

/** Working time the clock has run between `start` and `endMs` (<= now). */
export function elapsedIn(windows: readonly RunningWindow[], endMs: number): number {
  let total = 0;
  for (const w of windows) {
    const to = Math.min(w.toMs ?? endMs, endMs);
    if (to > w.fromMs) total += workingTimeBetween(w.calendar, new Date(w.fromMs), new Date(to));
  }
  return total;
}

/**
 * When `targetMs` of running working time is reached, or null when the clock is paused before
 * reaching it (the due time is unknown until the clock runs again).
 */
export function dueIn(windows: readonly RunningWindow[], targetMs: number): Date | null {
  let remaining = Math.max(0, targetMs);
  for (const w of windows) {
    const from = new Date(w.fromMs);
    if (w.toMs === undefined) return addWorkingTime(w.calendar, from, remaining);
    const available = workingTimeBetween(w.calendar, from, new Date(w.toMs));
    if (remaining <= available) return addWorkingTime(w.calendar, from, remaining);
    remaining -= available;
  }
  return null;
}
