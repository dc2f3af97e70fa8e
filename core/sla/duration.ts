/**
 * SLA target durations as people write them in configuration: "30m", "4h", "2d", "1h30m".
 *
 * Units: `m` minutes, `h` hours, `d` days of 24 hours, `w` weeks of 7 days. A duration is an amount of
 * WORKING time on the ticket's calendar, so in a 9-18 calendar "1d" is 24 working hours (about two and
 * two-thirds working days), the same convention ServiceNow uses; write "9h" for one such working day.
 * Fixed-length units keep a target independent of the calendar it is counted on.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** Longest accepted target: anything above a year is certainly a typo ("365d" is fine, "3650d" is not). */
export const MAX_TARGET_MS = 366 * DAY_MS;

const UNIT_MS: Readonly<Record<string, number>> = { w: WEEK_MS, d: DAY_MS, h: HOUR_MS, m: MINUTE_MS };
const WHOLE = /^(?:\d{1,4}[wdhm])+$/;
const PART = /(\d{1,4})([wdhm])/g;

/**
 * Parses "30m", "4h", "2d", "1w", "1h30m" into milliseconds; undefined for anything else, for zero,
 * and for more than {@link MAX_TARGET_MS}.
 *
 * @example parseDuration('1h30m') === 5_400_000
 */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase();
  if (!WHOLE.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
  }
  if (!Number.isFinite(total) || total <= 0 || total > MAX_TARGET_MS) return undefined;
  return total;
}

/**
 * Renders milliseconds compactly for logs and agent notices: "1d 2h", "45m", "0m". Negative input is
 * rendered as its absolute value; callers say "overdue by" themselves.
 */
export function formatDuration(ms: number): string {
  let rest = Math.floor(Math.abs(ms) / MINUTE_MS);
  const days = Math.floor(rest / (24 * 60));
  rest -= days * 24 * 60;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}d`);
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0 || parts.length === 0) parts.push(`${minutes}m`);
  return parts.join(' ');
}
