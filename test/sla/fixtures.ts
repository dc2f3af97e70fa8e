/** Calendars and helpers shared by the SLA tests. All instants are written in UTC with their local time. */
import { buildCalendar, calendarSchema, type CalendarConfig } from '../../core/sla/calendar-config.ts';
import type { SupportCalendar } from '../../core/sla/calendar-types.ts';

export function calendar(name: string, config: unknown): SupportCalendar {
  const parsed: CalendarConfig = calendarSchema.parse(config);
  return buildCalendar(name, parsed);
}

/** 09:00-18:00 Mon-Fri Moscow (UTC+3 all year), Russia Day 2025-06-12 a holiday, Saturday 2025-11-01 worked. */
export const moscow = calendar('business', {
  type: 'business_hours',
  timeZone: 'Europe/Moscow',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  hours: ['09:00-18:00'],
  holidays: ['2025-06-12', '2025-11-04'],
  workdays: ['2025-11-01', { date: '2025-11-03', hours: ['09:00-17:00'] }],
});

/** Same, with a lunch break. */
export const moscowLunch = calendar('lunch', {
  type: 'business_hours',
  timeZone: 'Europe/Moscow',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  hours: ['14:00-18:00', '09:00-13:00'],
});

/** 09:00-18:00 Mon-Fri Berlin: CET/CEST, clocks change on the last Sundays of March and October. */
export const berlin = calendar('berlin', {
  type: 'business_hours',
  timeZone: 'Europe/Berlin',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  hours: ['09:00-18:00'],
});

/** Berlin, every day round the clock as business hours, to see DST days of 23 and 25 hours. */
export const berlinAllDay = calendar('berlin-all-day', {
  type: 'business_hours',
  timeZone: 'Europe/Berlin',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  hours: ['00:00-24:00'],
});

export const always = calendar('default', { type: '24x7' });

export const at = (iso: string): Date => new Date(iso);
