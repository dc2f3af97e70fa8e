/**
 * Small statistics with one documented method, so every KPI rounds and ranks the same way.
 *
 * Percentiles use the NEAREST-RANK method: sort ascending, take the value at 1-based rank
 * ceil(p/100 * n). It always returns an observed value (no interpolation), so "p90 first response 42m"
 * means at least 90% of tickets were answered within 42 minutes and one of them took exactly that.
 * The median is p50 by the same rule: for an even count it is the lower of the two middle values.
 */

export interface DurationStats {
  count: number;
  /** Milliseconds; null when there is nothing to measure. */
  medianMs: number | null;
  p90Ms: number | null;
}

/** A share of a population, e.g. 12 deflected of 40 tickets. */
export interface Rate {
  count: number;
  of: number;
  /** count / of, rounded to 4 decimals; null when `of` is 0. */
  rate: number | null;
}

/** Nearest-rank percentile of already sorted values (ascending); undefined for an empty list. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function durationStats(values: readonly number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: nearestRank(sorted, 50) ?? null, p90Ms: nearestRank(sorted, 90) ?? null };
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function rate(count: number, of: number): Rate {
  return { count, of, rate: of > 0 ? round4(count / of) : null };
}

export function average(values: readonly number[]): number | null {
  return values.length > 0 ? round4(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

/** Counts by key, keys sorted for stable output. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
