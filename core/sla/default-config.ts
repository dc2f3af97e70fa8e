/**
 * A working SLA configuration out of the box: a 24/7 `default` calendar, and a `business` calendar
 * (09:00-18:00 Monday to Friday, Moscow) ready to be mapped to queues or categories. P1 is pinned to
 * the 24/7 calendar; P2-P4 follow the ticket's queue/category calendar, which is `default` until mapped.
 */
import type { SlaConfigInput } from './sla-config.ts';

export const DEFAULT_SLA_CONFIG = {
  defaultCalendar: 'default',
  calendars: {
    default: { type: '24x7', timeZone: 'UTC' },
    business: {
      type: 'business_hours',
      timeZone: 'Europe/Moscow',
      workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      hours: ['09:00-18:00'],
      // The Russian New Year holidays as an example; the real list comes from the production calendar.
      holidays: ['2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'],
      workdays: [],
    },
  },
  queues: {},
  categories: {},
  priorities: {
    P1: { firstResponse: '15m', resolution: '4h', calendar: 'default' },
    P2: { firstResponse: '1h', resolution: '8h' },
    P3: { firstResponse: '4h', resolution: '3d' },
    P4: { firstResponse: '1d', resolution: '5d' },
  },
  escalation: { warnAt: 0.8, raiseOn: { P1: 'warning', P2: 'breach', P3: 'breach', P4: 'breach' } },
} as const satisfies SlaConfigInput;
