import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_CONFIG } from '../../core/sla/default-config.ts';
import { computeDueTimes, readTicketSla, recomputeDueTimes, resolveCalendar } from '../../core/sla/policy.ts';
import { parseSlaConfig } from '../../core/sla/sla-config.ts';
import { at } from './fixtures.ts';

const setup = parseSlaConfig({
  ...DEFAULT_SLA_CONFIG,
  defaultCalendar: 'business',
  queues: { night: 'default' },
  categories: { printing: 'default' },
});
const business = setup.calendars.get('business')!;
const always = setup.calendars.get('default')!;

describe('resolveCalendar', () => {
  it('prefers the priority calendar, then queue, then category, then the default', () => {
    expect(resolveCalendar(setup, { priority: 'P1', queue: 'day', category: 'email' }).name).toBe('default');
    expect(resolveCalendar(setup, { priority: 'P3', queue: 'night', category: 'email' }).name).toBe('default');
    expect(resolveCalendar(setup, { priority: 'P3', queue: 'day', category: 'printing' }).name).toBe('default');
    expect(resolveCalendar(setup, { priority: 'P3', queue: 'day', category: 'email' }).name).toBe('business');
  });
});

describe('computeDueTimes', () => {
  it('P2 opened Friday 17:55 in business hours: first response Monday 09:55, resolution Monday 16:55', () => {
    const friday1755 = at('2025-06-06T14:55:00Z');
    const due = computeDueTimes(setup, { createdAt: friday1755, priority: 'P2', calendar: business }, friday1755);
    expect(due).toEqual({ first_response: at('2025-06-09T06:55:00Z'), resolution: at('2025-06-09T13:55:00Z') });
  });

  it('P1 counts round the clock', () => {
    const saturday3am = at('2025-06-07T00:00:00Z');
    const due = computeDueTimes(setup, { createdAt: saturday3am, priority: 'P1', calendar: always }, saturday3am);
    expect(due).toEqual({ first_response: at('2025-06-07T00:15:00Z'), resolution: at('2025-06-07T04:00:00Z') });
  });

  it('a closed pause while waiting for the user moves both due times by the paused working time', () => {
    const monday10 = at('2025-06-09T07:00:00Z');
    const pauses = [{ from: at('2025-06-09T07:20:00Z'), to: at('2025-06-09T09:20:00Z') }]; // 2h
    const due = computeDueTimes(setup, { createdAt: monday10, priority: 'P2', calendar: business, pauses }, at('2025-06-09T10:00:00Z'));
    // First response: 20m before the pause, 40m after it -> 13:00. Resolution: 6h on Monday, 2h on Tuesday -> 11:00.
    expect(due).toEqual({ first_response: at('2025-06-09T10:00:00Z'), resolution: at('2025-06-10T08:00:00Z') });
  });
});

describe('recomputeDueTimes', () => {
  const monday10 = at('2025-06-09T07:00:00Z');

  it('a priority change applies the new targets from the original start', () => {
    const ticket = { createdAt: monday10, priority: 'P3' as const, calendar: business };
    const change = { at: at('2025-06-09T07:30:00Z'), priority: 'P2' as const, calendar: business };
    const { ticket: updated, due } = recomputeDueTimes(setup, ticket, change, change.at);
    expect(due.first_response).toEqual(at('2025-06-09T08:00:00Z')); // 10:00 + 1h, not 10:30 + 1h
    expect(updated.priority).toBe('P2');
    expect(updated.calendarChanges).toBeUndefined(); // same calendar: nothing to record
  });

  it('raised to P1 out of hours: elapsed business time is kept, the rest counts 24/7, a used-up target is breached', () => {
    const friday17 = at('2025-06-06T14:00:00Z');
    const friday20 = at('2025-06-06T17:00:00Z');
    const ticket = { createdAt: friday17, priority: 'P3' as const, calendar: business };
    const { ticket: updated, due } = recomputeDueTimes(setup, ticket, { at: friday20, priority: 'P1', calendar: always }, friday20);
    // 1h of business time (17:00-18:00) already used; 3h of the 4h left, counted from 20:00 round the clock.
    expect(due.resolution).toEqual(at('2025-06-06T20:00:00Z'));
    expect(due.first_response).toEqual(at('2025-06-06T14:15:00Z'));
    const readings = readTicketSla(setup, updated, friday20);
    expect(readings.first_response.breached).toBe(true);
    expect(readings.resolution).toMatchObject({ breached: false, elapsedMs: 3_600_000 });
  });

  it('a change dated after now (clock went backwards) is taken as happening now', () => {
    const now = at('2025-06-09T08:00:00Z');
    const ticket = { createdAt: monday10, priority: 'P3' as const, calendar: business };
    const { ticket: updated } = recomputeDueTimes(setup, ticket, { at: at('2025-06-09T12:00:00Z'), priority: 'P1', calendar: always }, now);
    expect(updated.calendarChanges?.[0]?.at).toEqual(now);
  });
});
