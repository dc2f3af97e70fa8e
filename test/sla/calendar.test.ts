import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  isWorkingTime,
  nextWorkingStart,
  workingTimeBetween,
} from '../../core/sla/calendar.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/sla/duration.ts';
import { SlaRangeError } from '../../core/sla/errors.ts';
import { always, at, berlin, berlinAllDay, moscow, moscowLunch } from './fixtures.ts';

describe('business hours 09:00-18:00 Mon-Fri, Europe/Moscow', () => {
  it('a 1h target opened Friday 17:55 is due Monday 09:55', () => {
    const friday1755 = at('2025-06-06T14:55:00Z');
    expect(addWorkingTime(moscow, friday1755, HOUR_MS)).toEqual(at('2025-06-09T06:55:00Z'));
  });

  it('a target that ends exactly at closing is due at 18:00, not at the next opening', () => {
    expect(addWorkingTime(moscow, at('2025-06-06T14:00:00Z'), HOUR_MS)).toEqual(at('2025-06-06T15:00:00Z'));
  });

  it('skips a holiday (Thursday 12 June, Russia Day)', () => {
    const wednesday1730 = at('2025-06-11T14:30:00Z');
    expect(addWorkingTime(moscow, wednesday1730, HOUR_MS)).toEqual(at('2025-06-13T06:30:00Z'));
    expect(isWorkingTime(moscow, at('2025-06-12T09:00:00Z'))).toBe(false);
  });

  it('works a Saturday moved by the production calendar and a shortened day', () => {
    expect(isWorkingTime(moscow, at('2025-11-01T07:00:00Z'))).toBe(true); // Sat 10:00
    expect(isWorkingTime(moscow, at('2025-11-03T14:30:00Z'))).toBe(false); // Mon 17:30, closes at 17:00
    // Fri 31 Oct 17:30 + 1h: 30m on Friday, 30m on the moved Saturday.
    expect(addWorkingTime(moscow, at('2025-10-31T14:30:00Z'), HOUR_MS)).toEqual(at('2025-11-01T06:30:00Z'));
  });

  it('counts a weekend as no working time', () => {
    const friday17 = at('2025-06-06T14:00:00Z');
    const monday10 = at('2025-06-09T07:00:00Z');
    expect(workingTimeBetween(moscow, friday17, monday10)).toBe(2 * HOUR_MS);
  });

  it('finds the next opening, and returns the instant itself when open', () => {
    expect(nextWorkingStart(moscow, at('2025-06-07T10:00:00Z'))).toEqual(at('2025-06-09T06:00:00Z'));
    expect(nextWorkingStart(moscow, at('2025-06-09T08:00:00Z'))).toEqual(at('2025-06-09T08:00:00Z'));
  });

  it('treats opening as working and closing as not (start inclusive, end exclusive)', () => {
    expect(isWorkingTime(moscow, at('2025-06-09T06:00:00Z'))).toBe(true);
    expect(isWorkingTime(moscow, at('2025-06-09T15:00:00Z'))).toBe(false);
  });

  it('adds and measures consistently over a long span without walking minutes', () => {
    const start = at('2025-01-09T06:00:00Z');
    const due = addWorkingTime(moscow, start, 1000 * HOUR_MS);
    expect(workingTimeBetween(moscow, start, due)).toBe(1000 * HOUR_MS);
    const t0 = performance.now();
    expect(workingTimeBetween(moscow, start, at('2030-01-01T00:00:00Z'))).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('lunch break 09:00-13:00 and 14:00-18:00', () => {
  it('does not count the lunch hour', () => {
    const monday1230 = at('2025-06-09T09:30:00Z');
    expect(addWorkingTime(moscowLunch, monday1230, HOUR_MS)).toEqual(at('2025-06-09T11:30:00Z')); // 14:30
    expect(isWorkingTime(moscowLunch, at('2025-06-09T10:30:00Z'))).toBe(false); // 13:30
    expect(workingTimeBetween(moscowLunch, at('2025-06-09T06:00:00Z'), at('2025-06-09T15:00:00Z'))).toBe(8 * HOUR_MS);
  });
});

describe('daylight saving time, Europe/Berlin', () => {
  it('keeps 09:00 local across the spring change (UTC offset +1 -> +2)', () => {
    const friday17 = at('2025-03-28T16:00:00Z'); // 17:00 CET
    expect(addWorkingTime(berlin, friday17, 2 * HOUR_MS)).toEqual(at('2025-03-31T08:00:00Z')); // Mon 10:00 CEST
  });

  it('keeps 09:00 local across the autumn change (+2 -> +1)', () => {
    const friday17 = at('2025-10-24T15:00:00Z'); // 17:00 CEST
    expect(addWorkingTime(berlin, friday17, 2 * HOUR_MS)).toEqual(at('2025-10-27T09:00:00Z')); // Mon 10:00 CET
  });

  it('counts the real length of the changeover days: 23h and 25h', () => {
    expect(workingTimeBetween(berlinAllDay, at('2025-03-29T23:00:00Z'), at('2025-03-30T22:00:00Z'))).toBe(23 * HOUR_MS);
    expect(workingTimeBetween(berlinAllDay, at('2025-10-25T22:00:00Z'), at('2025-10-26T23:00:00Z'))).toBe(25 * HOUR_MS);
  });
});

describe('24/7', () => {
  it('is always open and adds plain time', () => {
    const start = at('2025-06-07T23:30:00Z');
    expect(isWorkingTime(always, start)).toBe(true);
    expect(addWorkingTime(always, start, 15 * MINUTE_MS)).toEqual(at('2025-06-07T23:45:00Z'));
    expect(workingTimeBetween(always, start, at('2025-06-09T23:30:00Z'))).toBe(2 * DAY_MS);
  });
});

describe('bad input', () => {
  it('never returns a negative duration when the clock went backwards', () => {
    expect(workingTimeBetween(moscow, at('2025-06-09T10:00:00Z'), at('2025-06-09T07:00:00Z'))).toBe(0);
    expect(workingTimeBetween(always, at('2025-06-09T10:00:00Z'), at('2025-06-09T07:00:00Z'))).toBe(0);
  });

  it('treats zero or negative working time as due at the start', () => {
    const start = at('2025-06-07T10:00:00Z');
    expect(addWorkingTime(moscow, start, 0)).toEqual(start);
    expect(addWorkingTime(moscow, start, -HOUR_MS)).toEqual(start);
  });

  it('rejects an invalid Date with a typed error instead of producing NaN', () => {
    expect(() => addWorkingTime(moscow, new Date(Number.NaN), HOUR_MS)).toThrow(SlaRangeError);
    expect(() => workingTimeBetween(moscow, at('2025-06-09T07:00:00Z'), new Date('nope'))).toThrow(/invalid Date/);
  });
});
