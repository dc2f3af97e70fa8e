import { describe, expect, it } from 'vitest';
import { readSlaClock } from '../../core/sla/clock.ts';
import { HOUR_MS, MINUTE_MS } from '../../core/sla/duration.ts';
import { pausesFromPhases } from '../../core/sla/timeline.ts';
import { always, at, moscow } from './fixtures.ts';

const monday10 = at('2025-06-09T07:00:00Z'); // Mon 10:00 Moscow

describe('readSlaClock', () => {
  it('reports elapsed, remaining and fraction used while running', () => {
    const r = readSlaClock({ start: monday10, calendar: moscow }, HOUR_MS, at('2025-06-09T07:48:00Z'));
    expect(r).toEqual({
      state: 'running',
      targetMs: HOUR_MS,
      elapsedMs: 48 * MINUTE_MS,
      remainingMs: 12 * MINUTE_MS,
      overdueMs: 0,
      fractionUsed: 0.8,
      dueAt: at('2025-06-09T08:00:00Z'),
      breached: false,
    });
  });

  it('a pause while waiting for the user extends the due time by the paused working time', () => {
    const pauses = [{ from: at('2025-06-09T07:30:00Z'), to: at('2025-06-09T08:15:00Z') }]; // 10:30-11:15
    const r = readSlaClock({ start: monday10, calendar: moscow, pauses }, HOUR_MS, at('2025-06-09T08:20:00Z'));
    expect(r.dueAt).toEqual(at('2025-06-09T08:45:00Z')); // 11:00 + 45m
    expect(r.elapsedMs).toBe(35 * MINUTE_MS);
    expect(r.breached).toBe(false);
  });

  it('a pause over the weekend changes nothing that the calendar did not already stop', () => {
    const pauses = [{ from: at('2025-06-06T16:00:00Z'), to: at('2025-06-08T12:00:00Z') }]; // Fri 19:00 - Sun 15:00
    const friday1755 = at('2025-06-06T14:55:00Z');
    const r = readSlaClock({ start: friday1755, calendar: moscow, pauses }, HOUR_MS, at('2025-06-09T06:00:00Z'));
    expect(r.dueAt).toEqual(at('2025-06-09T06:55:00Z'));
  });

  it('while paused short of the target the due time is unknown and nothing is breached', () => {
    const pauses = [{ from: at('2025-06-09T07:30:00Z') }];
    const r = readSlaClock({ start: monday10, calendar: moscow, pauses }, HOUR_MS, at('2025-06-10T12:00:00Z'));
    expect(r).toMatchObject({ state: 'paused', dueAt: null, breached: false, elapsedMs: 30 * MINUTE_MS, fractionUsed: 0.5 });
  });

  it('is breached once the due time passes while running', () => {
    const r = readSlaClock({ start: monday10, calendar: moscow }, HOUR_MS, at('2025-06-09T08:30:00Z'));
    expect(r).toMatchObject({ breached: true, overdueMs: 30 * MINUTE_MS, remainingMs: 0, fractionUsed: 1.5 });
  });

  it('a reply after a due time of 18:00 is late even if given out of hours', () => {
    const monday17 = at('2025-06-09T14:00:00Z');
    const replied2000 = at('2025-06-09T17:00:00Z');
    const r = readSlaClock({ start: monday17, calendar: moscow }, HOUR_MS, at('2025-06-10T10:00:00Z'), replied2000);
    expect(r).toMatchObject({ state: 'stopped', breached: true, dueAt: at('2025-06-09T15:00:00Z'), overdueMs: 0 });
  });

  it('a reply exactly at the due time meets the target', () => {
    const r = readSlaClock({ start: monday10, calendar: moscow }, HOUR_MS, at('2025-06-09T09:00:00Z'), at('2025-06-09T08:00:00Z'));
    expect(r).toMatchObject({ state: 'stopped', breached: false, fractionUsed: 1 });
  });
});

describe('sane results from bad clocks and old tickets', () => {
  it('a clock that jumped back before the start: nothing elapsed, nothing negative', () => {
    const r = readSlaClock({ start: monday10, calendar: always }, HOUR_MS, at('2025-06-09T05:00:00Z'));
    expect(r).toEqual({
      state: 'running',
      targetMs: HOUR_MS,
      elapsedMs: 0,
      remainingMs: HOUR_MS,
      overdueMs: 0,
      fractionUsed: 0,
      dueAt: at('2025-06-09T08:00:00Z'),
      breached: false,
    });
  });

  it('events dated after now (clock went backwards) are ignored; inverted pauses too', () => {
    const pauses = [
      { from: at('2025-06-09T09:00:00Z'), to: at('2025-06-09T10:00:00Z') }, // in the "future"
      { from: at('2025-06-09T07:20:00Z'), to: at('2025-06-09T07:10:00Z') }, // inverted
    ];
    const now = at('2025-06-09T07:30:00Z');
    const r = readSlaClock({ start: monday10, calendar: always, pauses }, HOUR_MS, now, at('2025-06-09T09:30:00Z'));
    expect(r).toMatchObject({ state: 'running', elapsedMs: 30 * MINUTE_MS, dueAt: at('2025-06-09T08:00:00Z') });
  });

  it('overlapping pauses are not subtracted twice', () => {
    const pauses = [
      { from: at('2025-06-09T07:10:00Z'), to: at('2025-06-09T07:40:00Z') },
      { from: at('2025-06-09T07:20:00Z'), to: at('2025-06-09T07:30:00Z') },
    ];
    const r = readSlaClock({ start: monday10, calendar: always, pauses }, HOUR_MS, at('2025-06-09T08:00:00Z'));
    expect(r.elapsedMs).toBe(30 * MINUTE_MS);
  });

  it('a ticket reopened after months resumes with the time it had left', () => {
    // Resolved Mon 10:40 with 40m used of 4h; reopened five months later; the resolved stretch is a pause.
    const pauses = [{ from: at('2025-06-09T07:40:00Z'), to: at('2025-11-10T07:00:00Z') }];
    const r = readSlaClock({ start: monday10, calendar: moscow, pauses }, 4 * HOUR_MS, at('2025-11-10T08:00:00Z'));
    expect(r).toMatchObject({ state: 'running', elapsedMs: 100 * MINUTE_MS, breached: false });
    expect(r.dueAt).toEqual(at('2025-11-10T10:20:00Z')); // 10:00 + 3h20m left = 13:20 Moscow
  });
});

describe('pausesFromPhases', () => {
  it('turns a status history into pauses, the last one open', () => {
    const pauses = pausesFromPhases([
      { at: at('2025-06-09T08:00:00Z'), phase: 'paused' },
      { at: at('2025-06-09T07:00:00Z'), phase: 'running' },
      { at: at('2025-06-09T09:00:00Z'), phase: 'running' },
      { at: at('2025-06-09T09:30:00Z'), phase: 'paused' },
      { at: at('2025-06-09T09:40:00Z'), phase: 'paused' },
    ]);
    expect(pauses).toEqual([
      { from: at('2025-06-09T08:00:00Z'), to: at('2025-06-09T09:00:00Z') },
      { from: at('2025-06-09T09:30:00Z') },
    ]);
  });
});
