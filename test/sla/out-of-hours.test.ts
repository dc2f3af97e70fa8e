import { describe, expect, it } from 'vitest';
import { formatReplyTime, humanAvailability, outOfHoursNotice } from '../../core/sla/out-of-hours.ts';
import { always, at, moscow } from './fixtures.ts';

const friday19 = at('2025-06-06T16:00:00Z'); // Fri 19:00 Moscow

describe('humanAvailability', () => {
  it('out of hours on Friday evening: next reply from Monday 09:00', () => {
    expect(humanAvailability(moscow, friday19)).toEqual({ open: false, nextReplyFrom: at('2025-06-09T06:00:00Z') });
  });

  it('open during working hours and always on 24/7', () => {
    expect(humanAvailability(moscow, at('2025-06-09T08:00:00Z')).open).toBe(true);
    expect(humanAvailability(always, friday19)).toEqual({ open: true, nextReplyFrom: friday19 });
  });
});

describe('formatReplyTime', () => {
  const monday9 = at('2025-06-09T06:00:00Z');

  it('names the weekday, time and zone in English and Russian', () => {
    expect(formatReplyTime(monday9, 'Europe/Moscow', 'en')).toBe('Monday 09:00 (Europe/Moscow)');
    expect(formatReplyTime(monday9, 'Europe/Moscow', 'ru')).toBe('в понедельник в 09:00 (Europe/Moscow)');
    expect(formatReplyTime(at('2025-06-10T06:00:00Z'), 'Europe/Moscow', 'ru')).toBe('во вторник в 09:00 (Europe/Moscow)');
  });

  it('says today / tomorrow relative to now, in the calendar zone', () => {
    expect(formatReplyTime(monday9, 'Europe/Moscow', 'en', at('2025-06-09T02:00:00Z'))).toBe('today 09:00 (Europe/Moscow)');
    // Sunday 22:30 UTC is already Monday 01:30 in Moscow.
    expect(formatReplyTime(monday9, 'Europe/Moscow', 'ru', at('2025-06-08T22:30:00Z'))).toBe('сегодня в 09:00 (Europe/Moscow)');
    expect(formatReplyTime(monday9, 'Europe/Moscow', 'ru', at('2025-06-08T12:00:00Z'))).toBe('завтра в 09:00 (Europe/Moscow)');
  });

  it('adds the date when it is more than six days ahead (a long holiday)', () => {
    const now = at('2025-12-31T12:00:00Z');
    const jan12 = at('2026-01-12T06:00:00Z');
    expect(formatReplyTime(jan12, 'Europe/Moscow', 'en', now)).toBe('Monday 12 January 09:00 (Europe/Moscow)');
    expect(formatReplyTime(jan12, 'Europe/Moscow', 'ru', now)).toBe('в понедельник, 12 января, в 09:00 (Europe/Moscow)');
  });
});

describe('outOfHoursNotice', () => {
  it('tells the user when a person will be available, and says nothing in hours', () => {
    expect(outOfHoursNotice(moscow, friday19, 'en')).toBe(
      'Our support team is offline now. A person will be available from Monday 09:00 (Europe/Moscow).',
    );
    expect(outOfHoursNotice(moscow, friday19, 'ru')).toBe(
      'Сейчас сотрудники поддержки не работают. Специалист ответит в понедельник в 09:00 (Europe/Moscow).',
    );
    expect(outOfHoursNotice(moscow, at('2025-06-09T08:00:00Z'), 'en')).toBeUndefined();
  });
});
