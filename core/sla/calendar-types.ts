/**
 * The shape of a validated support calendar. Values of these types come out of the config parser
 * (`calendar-config.ts`), which guarantees: a real IANA zone, sorted non-overlapping periods, and at least
 * some working time. The arithmetic in `calendar.ts` relies on those guarantees.
 */

export const CALENDAR_KINDS = ['24x7', 'business_hours'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** Day names as written in configuration, Monday first (ISO order: index + 1 is luxon's weekday). */
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** ISO weekday as luxon numbers it: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One stretch of working wall-clock time within a local day, in minutes after local midnight.
 * `endMinute` is exclusive and may be 1440 (24:00). Periods never cross midnight: a night shift is
 * written as two periods on two days.
 */
export interface WorkingPeriod {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** Open all the time. The zone only matters for telling people times ("Monday 09:00 (UTC)"). */
export interface AlwaysOpenCalendar {
  readonly kind: '24x7';
  readonly name: string;
  readonly timeZone: string;
}

/** Business hours in one time zone, with holidays and moved working days. */
export interface BusinessHoursCalendar {
  readonly kind: 'business_hours';
  readonly name: string;
  /** IANA zone; periods are wall-clock times there, so DST shifts them in UTC, as people expect. */
  readonly timeZone: string;
  /** Periods of a normal working day, sorted; the same for every working weekday. */
  readonly hours: readonly WorkingPeriod[];
  readonly workingDays: ReadonlySet<IsoWeekday>;
  /** Local dates `YYYY-MM-DD` that are closed even if their weekday is a working day. */
  readonly holidays: ReadonlySet<string>;
  /**
   * Local dates with their own periods, whatever their weekday: a Saturday made a working day by the
   * production calendar, or a shortened pre-holiday day (e.g. 09:00-17:00).
   */
  readonly workdays: ReadonlyMap<string, readonly WorkingPeriod[]>;
}

export type SupportCalendar = AlwaysOpenCalendar | BusinessHoursCalendar;

/** A calendar in force from a given instant: the ticket's queue, category or priority changed. */
export interface CalendarChange {
  readonly at: Date;
  readonly calendar: SupportCalendar;
}
