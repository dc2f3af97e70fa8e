import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { ManualClock } from '../../core/clock.ts';
import { DEFAULT_SLA_CONFIG } from '../../core/sla/default-config.ts';
import { HOUR_MS } from '../../core/sla/duration.ts';
import { parseSlaConfig } from '../../core/sla/sla-config.ts';
import { createSlaPort } from '../../core/sla/sla-port.ts';
import { at } from './fixtures.ts';

const setup = parseSlaConfig({ ...DEFAULT_SLA_CONFIG, categories: { printing: 'business' } });
const friday1755 = at('2025-06-06T14:55:00Z');
const friday19 = at('2025-06-06T16:00:00Z');

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 't1', number: 1, subject: 'Printer jam', status: 'escalated', channel: 'telegram', requesterId: 'r1',
    conversationId: 'c1', assigneeId: null, category: 'printing', categoryConfidence: 1, type: 'incident',
    typeConfidence: 1, priority: 'P2', priorityConfidence: 1, language: 'en', supportLine: 'L1', articleKey: null,
    resolvedBy: null, csat: null, reopenCount: 0, firstResponseDue: null, resolutionDue: null, firstResponseAt: null,
    escalatedAt: friday1755, resolvedAt: null, closedAt: null, pausedAt: null, pausedMs: 0,
    createdAt: friday1755, updatedAt: friday1755,
    ...overrides,
  };
}

describe('createSlaPort', () => {
  const port = createSlaPort(setup, new ManualClock(friday19));

  it('due times of a printing ticket opened Friday 17:55 follow the business calendar', () => {
    expect(port.dueTimes(ticket(), friday1755)).toEqual({
      firstResponseDue: at('2025-06-09T06:55:00Z'),
      resolutionDue: at('2025-06-09T13:55:00Z'),
    });
  });

  it('P1 is counted round the clock whatever the category', () => {
    expect(port.dueTimes(ticket({ priority: 'P1' }), friday1755).firstResponseDue).toEqual(at('2025-06-06T15:10:00Z'));
  });

  it('tells when a person is next available, in the calendar zone', () => {
    const next = port.nextHumanAvailable(ticket(), friday19);
    expect(next).toEqual(at('2025-06-09T06:00:00Z'));
    expect(port.formatForRequester(next!, 'ru', ticket())).toBe('в понедельник в 09:00 (Europe/Moscow)');
    expect(port.nextHumanAvailable(ticket(), at('2025-06-09T08:00:00Z'))).toBeUndefined();
  });

  it('paused working time moves the due times; an open pause leaves them unknown', () => {
    const waiting = ticket({ pausedAt: at('2025-06-09T06:30:00Z') }); // Mon 09:30, after 35m of 1h used
    const resumedAt = at('2025-06-09T08:30:00Z');
    expect(port.pausedWorkingMs(waiting, resumedAt)).toBe(2 * HOUR_MS);
    expect(port.dueTimes(waiting, at('2025-06-09T07:00:00Z')).firstResponseDue).toBeNull();
    const resumed = ticket({ pausedMs: 2 * HOUR_MS });
    expect(port.dueTimes(resumed, resumedAt).firstResponseDue).toEqual(at('2025-06-09T08:55:00Z'));
  });

  it('a breach yields a breach notice and a raise to the next line', () => {
    const decision = port.escalation(ticket(), at('2025-06-09T07:30:00Z'), []);
    expect(decision.notices.map((n) => [n.target, n.kind])).toEqual([['first_response', 'breach']]);
    expect(decision.raiseTo).toBe('L2');
    expect(port.readings(ticket({ firstResponseAt: at('2025-06-09T06:50:00Z') }), at('2025-06-09T07:30:00Z')).first_response)
      .toMatchObject({ state: 'stopped', breached: false });
  });
});
