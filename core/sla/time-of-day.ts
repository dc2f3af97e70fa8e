/** Parsing of the wall-clock pieces of calendar configuration: "09:00-13:00" periods and local dates. */
import { DateTime } from 'luxon';
import type { WorkingPeriod } from './calendar-types.ts';

const PERIOD = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type PeriodParse =
  | { ok: true; period: WorkingPeriod }
  | { ok: false; code: 'bad_time' | 'inverted_period'; message: string };

/**
 * "09:00-13:00" -> minutes 540..780. The end may be "24:00" (midnight closing); a period may not cross
 * midnight, so "22:00-02:00" is an inverted period, not a night shift.
 */
export function parsePeriod(text: string): PeriodParse {
  const m = PERIOD.exec(text.trim());
  if (!m) return { ok: false, code: 'bad_time', message: `"${text}" is not a period like "09:00-18:00"` };
  const start = toMinute(Number(m[1]), Number(m[2]), false);
  const end = toMinute(Number(m[3]), Number(m[4]), true);
  if (start === undefined || end === undefined) {
    return { ok: false, code: 'bad_time', message: `"${text}" has an hour or minute out of range` };
  }
  if (end <= start) {
    return { ok: false, code: 'inverted_period', message: `"${text}" ends before it starts (periods may not cross midnight)` };
  }
  return { ok: true, period: { startMinute: start, endMinute: end } };
}

function toMinute(hour: number, minute: number, allowMidnightEnd: boolean): number | undefined {
  if (allowMidnightEnd && hour === 24 && minute === 0) return 1440;
  if (hour > 23 || minute > 59) return undefined;
  return hour * 60 + minute;
}

/** "HH:MM" for a minute of the day, 1440 as "24:00". */
export function formatMinute(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function formatPeriod(p: WorkingPeriod): string {
  return `${formatMinute(p.startMinute)}-${formatMinute(p.endMinute)}`;
}

/** True for a real calendar date written exactly as YYYY-MM-DD (so "2025-02-30" and "1.05.2025" fail). */
export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

/** The first pair of overlapping periods (input in any order), or undefined. Touching (13:00|13:00) is fine. */
export function firstOverlap(periods: readonly WorkingPeriod[]): { a: number; b: number } | undefined {
  for (let b = 1; b < periods.length; b++) {
    for (let a = 0; a < b; a++) {
      const pa = periods[a];
      const pb = periods[b];
      if (pa && pb && pa.startMinute < pb.endMinute && pb.startMinute < pa.endMinute) return { a, b };
    }
  }
  return undefined;
}
