/**
 * SLA layer: support calendars, working-time arithmetic, SLA clocks and due times, escalation
 * decisions and the out-of-hours message. Pure: no I/O, every function takes `now`.
 *
 * Start-up: `const sla = parseSlaConfig(config.sla ?? DEFAULT_SLA_CONFIG)`; then per ticket
 * `resolveCalendar` -> `computeDueTimes` / `readTicketSla` -> `evaluateEscalation`.
 */
export * from './calendar-types.ts';
export { HORIZON_DAYS, addWorkingTime, isWorkingTime, nextWorkingStart, workingTimeBetween } from './calendar.ts';
export { buildCalendar, calendarSchema, type CalendarConfig } from './calendar-config.ts';
export { CLOCK_STATES, readSlaClock, type ClockState, type SlaClockReading } from './clock.ts';
export { DEFAULT_SLA_CONFIG } from './default-config.ts';
export { DAY_MS, HOUR_MS, MINUTE_MS, formatDuration, parseDuration } from './duration.ts';
export * from './errors.ts';
export * from './escalation.ts';
export * from './out-of-hours.ts';
export * from './policy.ts';
export * from './policy-types.ts';
export { DEFAULT_PRIORITY_TARGETS, parseSlaConfig, slaConfigSchema, type SlaConfigInput } from './sla-config.ts';
export { CLOCK_PHASES, pausesFromPhases, type ClockPhase, type PauseInterval, type SlaTimeline } from './timeline.ts';
export { createSlaPort, type FrontlineSlaPort } from './sla-port.ts';
