import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_CONFIG } from '../../core/sla/default-config.ts';
import { HOUR_MS, MINUTE_MS, parseDuration } from '../../core/sla/duration.ts';
import { SlaConfigError, type SlaConfigIssue } from '../../core/sla/errors.ts';
import { parseSlaConfig } from '../../core/sla/sla-config.ts';

/** The issues a config produces; fails the test if it parses. */
function issuesOf(config: unknown): SlaConfigIssue[] {
  try {
    parseSlaConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(SlaConfigError);
    return [...(error as SlaConfigError).issues];
  }
  throw new Error('expected the configuration to be rejected');
}

const business = (overrides: Record<string, unknown>) => ({
  defaultCalendar: 'business',
  calendars: {
    business: {
      type: 'business_hours',
      timeZone: 'Europe/Moscow',
      workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      hours: ['09:00-18:00'],
      ...overrides,
    },
  },
});

describe('the default configuration', () => {
  it('parses into a 24/7 default, a Moscow business calendar and P1-P4 targets', () => {
    const setup = parseSlaConfig(DEFAULT_SLA_CONFIG);
    expect(setup.defaultCalendar.kind).toBe('24x7');
    expect(setup.calendars.get('business')).toMatchObject({ kind: 'business_hours', timeZone: 'Europe/Moscow' });
    expect(setup.priorities.P1.targetMs).toEqual({ first_response: 15 * MINUTE_MS, resolution: 4 * HOUR_MS });
    expect(setup.priorities.P1.calendar?.kind).toBe('24x7');
    expect(setup.priorities.P4.targetMs.resolution).toBe(5 * 24 * HOUR_MS);
    expect(setup.escalation).toEqual({ warnAt: 0.8, raiseOn: { P1: 'warning', P2: 'breach', P3: 'breach', P4: 'breach' } });
  });

  it('fills omitted priorities and escalation with defaults', () => {
    const setup = parseSlaConfig({ defaultCalendar: 'x', calendars: { x: { type: '24x7' } } });
    expect(setup.priorities.P2.targetMs).toEqual({ first_response: HOUR_MS, resolution: 8 * HOUR_MS });
    expect(setup.priorities.P2.calendar).toBeUndefined();
    expect(setup.escalation.warnAt).toBe(0.8);
    expect(setup.escalation.raiseOn.P3).toBe('breach');
  });
});

describe('start-up errors name the setting', () => {
  it('overlapping working periods', () => {
    expect(issuesOf(business({ hours: ['09:00-13:00', '12:00-18:00'] }))).toEqual([
      expect.objectContaining({ code: 'overlapping_periods', setting: 'sla.calendars.business.hours[1]' }),
    ]);
  });

  it('inverted and malformed periods', () => {
    const issues = issuesOf(business({ hours: ['18:00-09:00', '9-18', '09:00-25:00'] }));
    expect(issues.map((i) => [i.code, i.setting])).toEqual([
      ['inverted_period', 'sla.calendars.business.hours[0]'],
      ['bad_time', 'sla.calendars.business.hours[1]'],
      ['bad_time', 'sla.calendars.business.hours[2]'],
      ['no_working_time', 'sla.calendars.business'],
    ]);
  });

  it('an unknown time zone', () => {
    expect(issuesOf(business({ timeZone: 'Europe/Moskow' }))).toEqual([
      expect.objectContaining({ code: 'unknown_time_zone', setting: 'sla.calendars.business.timeZone' }),
    ]);
  });

  it('holidays and moved working days in bad formats, and a date listed as both', () => {
    const issues = issuesOf(
      business({ holidays: ['2026-01-01', '01.05.2026', '2026-02-30'], workdays: [{ date: '2026-01-01', hours: ['10:00-15:00'] }] }),
    );
    expect(issues.map((i) => [i.code, i.setting])).toEqual([
      ['bad_date', 'sla.calendars.business.holidays[1]'],
      ['bad_date', 'sla.calendars.business.holidays[2]'],
      ['conflicting_dates', 'sla.calendars.business.workdays[0].date'],
    ]);
  });

  it('a calendar with no working time', () => {
    expect(issuesOf(business({ workingDays: [] }))).toEqual([
      expect.objectContaining({ code: 'no_working_time', setting: 'sla.calendars.business' }),
    ]);
  });

  it('mappings and priorities referring to unknown calendars, and unknown categories', () => {
    const issues = issuesOf({
      ...business({}),
      queues: { L2: 'business', L3: 'night-shift' },
      categories: { printing: 'business', coffee: 'business' },
      priorities: { P1: { firstResponse: '15m', resolution: '4h', calendar: '24x7' } },
    });
    expect(issues.map((i) => [i.code, i.setting])).toEqual([
      ['unknown_calendar', 'sla.queues.L3'],
      ['unknown_category', 'sla.categories.coffee'],
      ['unknown_calendar', 'sla.priorities.P1.calendar'],
    ]);
  });

  it('bad durations and thresholds, with a custom prefix', () => {
    const config = {
      defaultCalendar: 'x',
      calendars: { x: { type: '24x7' } },
      priorities: { P3: { firstResponse: '4 hours', resolution: '0h' } },
      escalation: { warnAt: 80 },
    };
    try {
      parseSlaConfig(config, 'support.sla');
      expect.unreachable('configuration should be rejected');
    } catch (error) {
      const e = error as SlaConfigError;
      expect(e.issues.map((i) => [i.code, i.setting])).toEqual([
        ['bad_duration', 'support.sla.priorities.P3.firstResponse'],
        ['bad_duration', 'support.sla.priorities.P3.resolution'],
        ['bad_threshold', 'support.sla.escalation.warnAt'],
      ]);
      expect(e.message).toContain('support.sla.priorities.P3.firstResponse');
    }
  });

  it('shape errors (unknown field, wrong weekday) are reported as invalid_shape with their path', () => {
    const issues = issuesOf(business({ workingDays: ['monday'], openOnSundays: true }));
    expect(issues.map((i) => i.code)).toContain('invalid_shape');
    expect(issues.map((i) => i.setting)).toContain('sla.calendars.business.workingDays[0]');
  });
});

describe('durations', () => {
  it('parses m, h, d, w and combinations; rejects zero, junk and absurd values', () => {
    expect(parseDuration('30m')).toBe(30 * MINUTE_MS);
    expect(parseDuration('1h30m')).toBe(90 * MINUTE_MS);
    expect(parseDuration('2d')).toBe(48 * HOUR_MS);
    expect(parseDuration('1w')).toBe(7 * 24 * HOUR_MS);
    for (const bad of ['', '0m', '4 hours', '1.5h', '-1h', '9999d']) expect(parseDuration(bad)).toBeUndefined();
  });
});
