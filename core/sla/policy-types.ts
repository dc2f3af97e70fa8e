/** Vocabulary of SLA policies and escalation: closed unions, never free strings. */
import type { Category, Priority } from '../../knowledge/types.ts';
import type { SupportCalendar } from './calendar-types.ts';

export { PRIORITIES, type Priority } from '../../knowledge/types.ts';

/** What is measured: the first reply by a human (not the bot), and resolution. */
export const SLA_TARGETS = ['first_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** Support lines a ticket is raised through, in order. */
export const SUPPORT_LINES = ['L1', 'L2', 'L3'] as const;
export type SupportLine = (typeof SUPPORT_LINES)[number];

/** Notices the escalation evaluator can ask the caller to send; each at most once per target. */
export const NOTICE_KINDS = ['warning', 'breach'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Which notice also raises the ticket to the next line; `never` keeps it where it is. */
export const RAISE_TRIGGERS = ['warning', 'breach', 'never'] as const;
export type RaiseTrigger = (typeof RAISE_TRIGGERS)[number];

/** Targets of one priority, in working milliseconds of the calendar they are counted on. */
export interface PriorityPolicy {
  readonly targetMs: Readonly<Record<SlaTarget, number>>;
  /**
   * Calendar that overrides the queue/category calendar for this priority, e.g. P1 counted around
   * the clock even in a business-hours queue.
   */
  readonly calendar?: SupportCalendar;
}

export interface EscalationPolicy {
  /** Fraction of a target used at which the `warning` notice is due, in (0, 1). */
  readonly warnAt: number;
  readonly raiseOn: Readonly<Record<Priority, RaiseTrigger>>;
}

/** The validated SLA configuration, built once at start-up and passed down. */
export interface SlaSetup {
  readonly calendars: ReadonlyMap<string, SupportCalendar>;
  readonly defaultCalendar: SupportCalendar;
  /** Queue name -> calendar. */
  readonly queues: ReadonlyMap<string, SupportCalendar>;
  readonly categories: ReadonlyMap<Category, SupportCalendar>;
  readonly priorities: Readonly<Record<Priority, PriorityPolicy>>;
  readonly escalation: EscalationPolicy;
}
