/** Nearest-rank percentiles, date parsing and question normalisation: the small rules the report rests on. */
import { describe, expect, it } from 'vitest';
import { durationStats, nearestRank, rate } from '../../core/kpi/stats.ts';
import { parseDateParam } from '../../core/kpi/query.ts';
import { normaliseQuestion } from '../../core/kpi/recurring.ts';
import { formatMs } from '../../core/kpi/format-report.ts';

describe('KPI statistics', () => {
  it('nearest rank returns an observed value: the lower middle for an even count', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10); // ceil(9.9) = 10
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeUndefined();
    expect(durationStats([30, 10, 20])).toEqual({ count: 3, medianMs: 20, p90Ms: 30 });
  });

  it('rates are rounded to 4 decimals and null over nothing', () => {
    expect(rate(2, 3)).toEqual({ count: 2, of: 3, rate: 0.6667 });
    expect(rate(0, 0).rate).toBeNull();
  });

  it('parses dates and ISO times with an offset, and nothing else', () => {
    expect(parseDateParam('2026-01-31')).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(parseDateParam('2026-01-31T09:00:00+03:00')).toEqual(new Date('2026-01-31T06:00:00Z'));
    for (const bad of ['2026-02-29', '2026-13-01', '2026-01-31T09:00:00', '31.01.2026', 'now', '']) {
      expect(parseDateParam(bad), bad).toBeUndefined();
    }
  });

  it('normalises questions across case, punctuation, spacing and ё', () => {
    expect(normaliseQuestion('  VPN keeps   disconnecting!! ')).toBe('vpn keeps disconnecting');
    expect(normaliseQuestion('Не работает Ёлка?')).toBe('не работает елка');
  });

  it('formats durations for reading', () => {
    expect(formatMs(42_000)).toBe('42s');
    expect(formatMs(3_900_000)).toBe('1h 5m');
    expect(formatMs(90_061_000)).toBe('1d 1h');
    expect(formatMs(3_600_000)).toBe('1h');
    expect(formatMs(null)).toBe('-');
  });
});
