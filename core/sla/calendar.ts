/**
 * Working-time arithmetic on a support calendar: is it open now, when does it open next, when is a
 * target of N working milliseconds due, and how much working time lies between two instants.
 *
 * How it stays correct across DST: working periods are wall-clock times in the calendar's zone, turned
 * into instants day by day with luxon, so an 09:00-18:00 day is always 9 real hours and a period that
 * spans a DST change is as long as it really is. Civil dates are walked as day numbers so that "next
 * day" never depends on the zone's offsets.
 *
 * How it stays fast: it walks whole days (a few luxon calls per working day, memoised), never minutes,
 * and gives up after {@link HORIZON_DAYS}; a validated calendar always has working time long before that.
 */
import { DateTime } from 'luxon';
import type { BusinessHoursCalendar, IsoWeekday, SupportCalendar, WorkingPeriod } from './calendar-types.ts';
import { DAY_MS } from './duration.ts';
import { SlaRangeError, assertValidDate } from './errors.ts';

/** About ten years: the farthest any search for working time looks. */
export const HORIZON_DAYS = 3660;

type Interval = readonly [startMs: number, endMs: number];

/** True when `at` falls inside a working period (start inclusive, end exclusive). */
export function isWorkingTime(cal: SupportCalendar, at: Date): boolean {
  const atMs = assertValidDate(at, 'at');
  if (cal.kind === '24x7') return true;
  return dayIntervals(cal, civilDayOf(cal.timeZone, atMs)).some(([s, e]) => s <= atMs && atMs < e);
}

/** `at` itself when the calendar is open then, otherwise the start of the next working period. */
export function nextWorkingStart(cal: SupportCalendar, at: Date): Date {
  const atMs = assertValidDate(at, 'at');
  if (cal.kind === '24x7') return new Date(atMs);
  for (const [s] of intervalsFrom(cal, atMs)) return new Date(s);
  throw horizonError(cal); // unreachable: intervalsFrom throws first; keeps the compiler satisfied
}

/**
 * The instant at which `ms` of working time has elapsed since `start`: the due time of a target.
 * A target that ends exactly at the close of a period is due at the close (18:00), not at the next
 * opening. Zero or negative `ms` gives `start` itself.
 *
 * @example addWorkingTime(nineToSix, new Date('2025-06-06T14:55:00Z'), HOUR_MS) // Fri 17:55 MSK -> Mon 09:55 MSK
 */
export function addWorkingTime(cal: SupportCalendar, start: Date, ms: number): Date {
  const startMs = assertValidDate(start, 'start');
  if (Number.isNaN(ms)) throw new SlaRangeError('invalid_date', 'working time to add is NaN');
  if (ms <= 0) return new Date(startMs);
  if (cal.kind === '24x7') return new Date(startMs + ms);
  let remaining = ms;
  for (const [s, e] of intervalsFrom(cal, startMs)) {
    if (remaining <= e - s) return new Date(s + remaining);
    remaining -= e - s;
  }
  throw horizonError(cal);
}

/**
 * Working milliseconds in [from, to). Never negative: `to <= from` (a clock that went backwards) gives 0.
 * Spans longer than the horizon are cut at the horizon rather than walked for ever.
 */
export function workingTimeBetween(cal: SupportCalendar, from: Date, to: Date): number {
  const fromMs = assertValidDate(from, 'from');
  const toMs = Math.min(assertValidDate(to, 'to'), fromMs + (HORIZON_DAYS - 2) * DAY_MS);
  if (toMs <= fromMs) return 0;
  if (cal.kind === '24x7') return toMs - fromMs;
  let total = 0;
  for (const [s, e] of intervalsFrom(cal, fromMs)) {
    if (s >= toMs) break;
    total += Math.min(e, toMs) - s;
  }
  return total;
}

/** Working intervals from `fromMs` onwards, the first one clipped to start at `fromMs`. */
function* intervalsFrom(cal: BusinessHoursCalendar, fromMs: number): Generator<Interval> {
  const firstDay = civilDayOf(cal.timeZone, fromMs);
  for (let day = firstDay; day < firstDay + HORIZON_DAYS; day++) {
    for (const [s, e] of dayIntervals(cal, day)) {
      if (e > fromMs) yield [Math.max(s, fromMs), e];
    }
  }
  throw horizonError(cal);
}

/**
 * Civil dates are numbered as days since 1970-01-01 so that stepping a day is `+ 1`, whatever the
 * zone's offsets do; only period boundaries need luxon.
 */
function civilDayOf(zone: string, ms: number): number {
  const local = DateTime.fromMillis(ms, { zone });
  return Math.round(Date.UTC(local.year, local.month - 1, local.day) / DAY_MS);
}

/** Periods that apply on a date: holidays close, moved working days override, else the weekday rule. */
export function periodsOn(cal: BusinessHoursCalendar, isoDate: string, weekday: IsoWeekday): readonly WorkingPeriod[] {
  if (cal.holidays.has(isoDate)) return [];
  const moved = cal.workdays.get(isoDate);
  if (moved) return moved;
  return cal.workingDays.has(weekday) ? cal.hours : [];
}

/**
 * Day intervals are memoised per calendar: KPI reports measure thousands of tickets over the same
 * weeks, and converting wall-clock boundaries with luxon is the expensive part. The cache is small
 * (a few numbers per day) and is dropped wholesale when it grows past a bound.
 */
const DAY_CACHE_LIMIT = 20_000;
const dayCache = new WeakMap<BusinessHoursCalendar, Map<number, readonly Interval[]>>();

function dayIntervals(cal: BusinessHoursCalendar, day: number): readonly Interval[] {
  let cache = dayCache.get(cal);
  if (!cache || cache.size > DAY_CACHE_LIMIT) {
    cache = new Map();
    dayCache.set(cal, cache);
  }
  let intervals = cache.get(day);
  if (!intervals) {
    intervals = computeDayIntervals(cal, day);
    cache.set(day, intervals);
  }
  return intervals;
}

/**
 * Working intervals of one local date as instants, sorted and disjoint. A period boundary inside a
 * spring-forward gap is moved forward by luxon; clamping to the previous end keeps the list disjoint.
 */
function computeDayIntervals(cal: BusinessHoursCalendar, day: number): Interval[] {
  const date = new Date(day * DAY_MS);
  const isoDate = date.toISOString().slice(0, 10);
  const weekday = (((date.getUTCDay() + 6) % 7) + 1) as IsoWeekday; // JS Sunday=0 -> ISO 7
  const out: Interval[] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const p of periodsOn(cal, isoDate, weekday)) {
    const s = Math.max(localInstant(cal.timeZone, day, p.startMinute), previousEnd);
    const e = localInstant(cal.timeZone, day, p.endMinute);
    if (e > s) out.push([s, e]);
    previousEnd = Math.max(previousEnd, e);
  }
  return out;
}

/** The instant of a wall-clock minute on a civil day in a zone; minute 1440 is the next midnight. */
function localInstant(zone: string, day: number, minuteOfDay: number): number {
  const date = new Date((day + Math.floor(minuteOfDay / 1440)) * DAY_MS);
  const minute = minuteOfDay % 1440;
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minute / 60),
      minute: minute % 60,
    },
    { zone },
  ).toMillis();
}

function horizonError(cal: SupportCalendar): SlaRangeError {
  return new SlaRangeError(
    'horizon_exceeded',
    `calendar "${cal.name}" has no working time within ${HORIZON_DAYS} days; the target cannot be placed`,
  );
}
