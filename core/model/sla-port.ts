/**
 * What the dialogue and ticket code need from SLA: due times for a ticket, and when a person is next
 * available (for "out of hours" replies). Implemented over core/sla's calendars and policies.
 */
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';

export interface DueTimes {
  firstResponseDue: Date | null;
  resolutionDue: Date | null;
}

export interface SlaPort {
  /** Due times for the ticket as it is now (priority, category, paused time, created time). */
  dueTimes(ticket: Ticket, now: Date): DueTimes;
  /** When someone on the ticket's calendar is next at work; undefined when they are at work now. */
  nextHumanAvailable(ticket: Ticket, now: Date): Date | undefined;
  /** Working time between the open pause's start (`pausedAt`) and `resumedAt`, to add to `pausedMs`. */
  pausedWorkingMs(ticket: Ticket, resumedAt: Date): number;
  /** Human-readable form of a time for the requester, e.g. "Monday 09:00 (Europe/Moscow)". */
  formatForRequester(at: Date, language: 'en' | 'ru', ticket: Ticket): string;
}

/** No SLA configured: no due times, people always available. */
export const noSla: SlaPort = {
  dueTimes: () => ({ firstResponseDue: null, resolutionDue: null }),
  nextHumanAvailable: () => undefined,
  pausedWorkingMs: (ticket, resumedAt) => (ticket.pausedAt ? Math.max(0, resumedAt.getTime() - ticket.pausedAt.getTime()) : 0),
  formatForRequester: (at) => at.toISOString(),
};
