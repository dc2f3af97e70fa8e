/**
 * Reading one SLA clock (first response or resolution) at an instant: how much working time has
 * run, how much is left, the fraction used (for "80% used" warnings), the due time, and whether the
 * target was breached.
 *
 * Breach rule: a target is breached when its due time passed while the clock was still running, i.e.
 * the clock stopped (target met) or paused strictly after the due time, or it is running and `now` is
 * past it. A reply outside working hours after a due time of 18:00 is therefore late even though no
 * working time elapsed in between. Meeting the target exactly at the due time is not a breach.
 */
import { assertValidDate } from './errors.ts';
import { dueIn, elapsedIn, runningWindows, type SlaTimeline } from './timeline.ts';

export const CLOCK_STATES = ['running', 'paused', 'stopped'] as const;
/** `stopped`: the target was met (reply sent, ticket resolved); the clock will not move again. */
export type ClockState = (typeof CLOCK_STATES)[number];

export interface SlaClockReading {
  readonly state: ClockState;
  readonly targetMs: number;
  /** Working time the clock has run; never negative. */
  readonly elapsedMs: number;
  /** Working time left before the due time; 0 once used up. */
  readonly remainingMs: number;
  /** Working time run beyond the target; 0 until then. */
  readonly overdueMs: number;
  /** elapsed / target, from 0 upwards (over 1 when overdue). */
  readonly fractionUsed: number;
  /** When the target is (or was) reached; null while paused short of it. */
  readonly dueAt: Date | null;
  readonly breached: boolean;
}

/**
 * Reads a clock at `now`. `stoppedAt` is when the target was met (first human reply, resolution);
 * a `stoppedAt` after `now` (clock went backwards) is treated as not yet happened.
 *
 * @example
 * readSlaClock({ start, calendar, pauses }, HOUR_MS, now) // { state: 'running', fractionUsed: 0.8, ... }
 */
export function readSlaClock(timeline: SlaTimeline, targetMs: number, now: Date, stoppedAt?: Date): SlaClockReading {
  const nowMs = assertValidDate(now, 'now');
  const stopMs = stoppedAt === undefined ? undefined : assertValidDate(stoppedAt, 'stoppedAt');
  const stopped = stopMs !== undefined && stopMs <= nowMs;
  const endMs = Math.max(stopped ? stopMs : nowMs, timeline.start.getTime());
  const windows = runningWindows(timeline, new Date(endMs));
  const last = windows[windows.length - 1];
  const runningAtEnd = last !== undefined && last.toMs === undefined;
  // The clock last ran at `endMs` if it is running (or was when stopped), else when the pause began.
  const lastRunMs = runningAtEnd ? endMs : (last?.toMs ?? timeline.start.getTime());
  const elapsedMs = elapsedIn(windows, endMs);
  const dueAt = dueIn(windows, targetMs);
  const target = Math.max(0, targetMs);
  return {
    state: stopped ? 'stopped' : runningAtEnd ? 'running' : 'paused',
    targetMs: target,
    elapsedMs,
    remainingMs: Math.max(0, target - elapsedMs),
    overdueMs: Math.max(0, elapsedMs - target),
    fractionUsed: target > 0 ? elapsedMs / target : 1,
    dueAt,
    breached: dueAt !== null && dueAt.getTime() < lastRunMs,
  };
}
