/**
 * Typed errors of the SLA layer. Configuration errors are raised once, at start-up, and name the
 * offending setting (a dotted path such as `sla.calendars.business.hours[1]`) so an operator can fix
 * the file without reading code. Runtime errors mean a programming bug, not bad user input.
 */

/** Why a piece of SLA configuration was rejected. */
export const SLA_CONFIG_ERROR_CODES = [
  'invalid_shape', // wrong type, missing or unknown field
  'inverted_period', // a working period ends before (or when) it starts
  'overlapping_periods', // two working periods of one day overlap
  'bad_time', // not HH:MM, or out of range
  'unknown_time_zone', // not an IANA zone luxon knows
  'bad_date', // a holiday or extra working day not in YYYY-MM-DD form, or not a real date
  'conflicting_dates', // one date listed both as a holiday and as an extra working day
  'no_working_time', // a business calendar that would never be open
  'unknown_calendar', // a mapping or a priority refers to a calendar that is not defined
  'unknown_category', // a category mapping for a category the knowledge base does not have
  'bad_duration', // an SLA target such as "4h" that cannot be parsed or is out of range
  'bad_threshold', // a warning threshold outside (0, 1)
] as const;
export type SlaConfigErrorCode = (typeof SLA_CONFIG_ERROR_CODES)[number];

export interface SlaConfigIssue {
  code: SlaConfigErrorCode;
  /** Dotted path of the setting, e.g. `sla.calendars.business.timeZone`. */
  setting: string;
  message: string;
}

/**
 * Thrown by the config parsers. `issues` lists every problem found in one pass, not just the first;
 * the semantic checks of an entry (overlaps, zones, dates) run once that entry's shape is right.
 */
export class SlaConfigError extends Error {
  override readonly name = 'SlaConfigError';
  constructor(readonly issues: readonly SlaConfigIssue[]) {
    super(
      `Invalid SLA configuration:\n` + issues.map((i) => `  - ${i.setting}: ${i.message} [${i.code}]`).join('\n'),
    );
  }
}

export const SLA_RANGE_ERROR_CODES = [
  'invalid_date', // a Date whose time value is NaN
  'horizon_exceeded', // no working time found within the search horizon (10 years)
] as const;
export type SlaRangeErrorCode = (typeof SLA_RANGE_ERROR_CODES)[number];

/** Raised by the time arithmetic for inputs that a validated configuration can never produce. */
export class SlaRangeError extends Error {
  override readonly name = 'SlaRangeError';
  constructor(
    readonly code: SlaRangeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Rejects `new Date(NaN)` early: luxon would otherwise propagate an invalid DateTime silently. */
export function assertValidDate(value: Date, what: string): number {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new SlaRangeError('invalid_date', `${what} is an invalid Date`);
  return ms;
}
