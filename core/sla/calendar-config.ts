/**
 * Configuration schema of one support calendar, its semantic checks, and the builder that turns a
 * checked entry into the {@link SupportCalendar} the arithmetic uses.
 *
 * @example
 * { "type": "24x7" }
 * {
 *   "type": "business_hours",
 *   "timeZone": "Europe/Moscow",
 *   "workingDays": ["mon", "tue", "wed", "thu", "fri"],
 *   "hours": ["09:00-13:00", "14:00-18:00"],
 *   "holidays": ["2026-01-01", "2026-01-02", "2026-05-01"],
 *   "workdays": ["2025-11-01", { "date": "2025-12-31", "hours": ["09:00-17:00"] }]
 * }
 * `workdays` lists dates worked whatever their weekday: a Saturday moved by the production calendar
 * (normal hours) or a shortened pre-holiday day (its own hours).
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { IsoWeekday, SupportCalendar, WorkingPeriod } from './calendar-types.ts';
import { WEEKDAY_NAMES } from './calendar-types.ts';
import { report, type IssueSink } from './config-issues.ts';
import { firstOverlap, formatPeriod, isIsoDate, parsePeriod } from './time-of-day.ts';

const periodList = z.array(z.string());

const workdayEntry = z.union([z.string(), z.strictObject({ date: z.string(), hours: periodList })]);

const alwaysOpenSchema = z.strictObject({
  type: z.literal('24x7'),
  timeZone: z.string().default('UTC'),
});

const businessHoursSchema = z
  .strictObject({
    type: z.literal('business_hours'),
    timeZone: z.string(),
    workingDays: z.array(z.enum(WEEKDAY_NAMES)),
    hours: periodList,
    holidays: z.array(z.string()).default([]),
    workdays: z.array(workdayEntry).default([]),
  })
  .superRefine(checkBusinessHours);

export const calendarSchema = z.discriminatedUnion('type', [alwaysOpenSchema, businessHoursSchema]);
export type CalendarConfig = z.output<typeof calendarSchema>;
type BusinessHoursConfig = z.output<typeof businessHoursSchema>;

function checkBusinessHours(cal: BusinessHoursConfig, ctx: IssueSink): void {
  if (!IANAZone.isValidZone(cal.timeZone)) {
    report(ctx, 'unknown_time_zone', ['timeZone'], `"${cal.timeZone}" is not an IANA time zone (e.g. "Europe/Moscow")`);
  }
  const normal = checkPeriods(cal.hours, ['hours'], ctx);
  if (cal.workingDays.length === 0 || normal === 0) {
    report(ctx, 'no_working_time', [], 'the calendar is never open: give at least one working day and one period in "hours"');
  }
  cal.holidays.forEach((d, i) => checkDate(d, ['holidays', i], ctx));
  const holidays = new Set(cal.holidays);
  cal.workdays.forEach((entry, i) => {
    const date = typeof entry === 'string' ? entry : entry.date;
    const at = typeof entry === 'string' ? ['workdays', i] : ['workdays', i, 'date'];
    checkDate(date, at, ctx);
    if (holidays.has(date)) report(ctx, 'conflicting_dates', at, `${date} is listed both as a holiday and as a working day`);
    if (typeof entry !== 'string' && checkPeriods(entry.hours, ['workdays', i, 'hours'], ctx) === 0) {
      report(ctx, 'no_working_time', ['workdays', i, 'hours'], 'a working day needs at least one period (use "holidays" to close a day)');
    }
  });
}

/** Reports bad, inverted and overlapping periods; returns how many periods are valid. */
function checkPeriods(texts: readonly string[], at: PropertyKey[], ctx: IssueSink): number {
  const valid: WorkingPeriod[] = [];
  const indexOf: number[] = [];
  texts.forEach((text, i) => {
    const parsed = parsePeriod(text);
    if (parsed.ok) {
      valid.push(parsed.period);
      indexOf.push(i);
    } else report(ctx, parsed.code, [...at, i], parsed.message);
  });
  const overlap = firstOverlap(valid);
  if (overlap) {
    const [a, b] = [valid[overlap.a], valid[overlap.b]];
    const where = [...at, indexOf[overlap.b] ?? 0];
    report(ctx, 'overlapping_periods', where, `periods ${a ? formatPeriod(a) : ''} and ${b ? formatPeriod(b) : ''} overlap`);
  }
  return valid.length;
}

function checkDate(text: string, at: PropertyKey[], ctx: IssueSink): void {
  if (!isIsoDate(text)) report(ctx, 'bad_date', at, `"${text}" is not a date in YYYY-MM-DD form`);
}

/** Builds the runtime calendar from an entry that passed {@link calendarSchema}. */
export function buildCalendar(name: string, config: CalendarConfig): SupportCalendar {
  if (config.type === '24x7') return { kind: '24x7', name, timeZone: config.timeZone };
  const workdays = new Map<string, readonly WorkingPeriod[]>();
  for (const entry of config.workdays) {
    if (typeof entry === 'string') workdays.set(entry, periodsOf(config.hours));
    else workdays.set(entry.date, periodsOf(entry.hours));
  }
  return {
    kind: 'business_hours',
    name,
    timeZone: config.timeZone,
    hours: periodsOf(config.hours),
    workingDays: new Set(config.workingDays.map((d) => (WEEKDAY_NAMES.indexOf(d) + 1) as IsoWeekday)),
    holidays: new Set(config.holidays),
    workdays,
  };
}

/** Parsed, sorted periods; only called on validated text, so parse failures cannot occur here. */
function periodsOf(texts: readonly string[]): WorkingPeriod[] {
  return texts
    .map(parsePeriod)
    .flatMap((p) => (p.ok ? [p.period] : []))
    .sort((x, y) => x.startMinute - y.startMinute);
}
