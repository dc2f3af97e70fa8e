import { describe, expect, it } from 'vitest';
import type { SlaClockReading } from '../../core/sla/clock.ts';
import { DEFAULT_SLA_CONFIG } from '../../core/sla/default-config.ts';
import { evaluateEscalation, nextSupportLine } from '../../core/sla/escalation.ts';
import { readTicketSla, type TicketSlaInput } from '../../core/sla/policy.ts';
import { parseSlaConfig } from '../../core/sla/sla-config.ts';
import { at } from './fixtures.ts';

const setup = parseSlaConfig({ ...DEFAULT_SLA_CONFIG, defaultCalendar: 'business' });
const business = setup.calendars.get('business')!;
const monday10 = at('2025-06-09T07:00:00Z');
const p2: TicketSlaInput = { createdAt: monday10, priority: 'P2', calendar: business }; // 1h / 8h

const readingsAt = (iso: string, ticket: TicketSlaInput = p2) => readTicketSla(setup, ticket, at(iso));

describe('evaluateEscalation', () => {
  it('nothing is due early on', () => {
    const decision = evaluateEscalation(setup.escalation, { priority: 'P2', line: 'L1', readings: readingsAt('2025-06-09T07:30:00Z'), sent: [] });
    expect(decision).toEqual({ notices: [], raiseTo: null });
  });

  it('warns once at 80% of the first-response target, without raising a P2', () => {
    const readings = readingsAt('2025-06-09T07:48:00Z');
    const first = evaluateEscalation(setup.escalation, { priority: 'P2', line: 'L1', readings, sent: [] });
    expect(first.notices).toEqual([
      { target: 'first_response', kind: 'warning', dueAt: at('2025-06-09T08:00:00Z'), fractionUsed: 0.8, overdueMs: 0 },
    ]);
    expect(first.raiseTo).toBeNull();
    const again = evaluateEscalation(setup.escalation, { priority: 'P2', line: 'L1', readings, sent: first.notices });
    expect(again.notices).toEqual([]);
  });

  it('a breach is noticed once and raises the ticket to the next line', () => {
    const readings = readingsAt('2025-06-09T08:30:00Z');
    const sent = [{ target: 'first_response' as const, kind: 'warning' as const }];
    const decision = evaluateEscalation(setup.escalation, { priority: 'P2', line: 'L1', readings, sent });
    expect(decision.notices.map((n) => [n.target, n.kind, n.overdueMs])).toEqual([['first_response', 'breach', 1_800_000]]);
    expect(decision.raiseTo).toBe('L2');
    const later = evaluateEscalation(setup.escalation, {
      priority: 'P2',
      line: 'L2',
      readings,
      sent: [...sent, { target: 'first_response', kind: 'breach' }],
    });
    expect(later).toEqual({ notices: [], raiseTo: null });
  });

  it('a target found already breached gets the breach notice only; warning-raising P1 still raises', () => {
    const p1: TicketSlaInput = { ...p2, priority: 'P1', calendar: setup.priorities.P1.calendar! };
    const readings = readingsAt('2025-06-09T07:20:00Z', p1); // 20m of 15m
    const decision = evaluateEscalation(setup.escalation, { priority: 'P1', line: 'L2', readings, sent: [] });
    expect(decision.notices.map((n) => n.kind)).toEqual(['breach']);
    expect(decision.raiseTo).toBe('L3');
  });

  it('P1 is raised at the warning', () => {
    const p1: TicketSlaInput = { ...p2, priority: 'P1', calendar: setup.priorities.P1.calendar! };
    const readings = readingsAt('2025-06-09T07:12:00Z', p1);
    const decision = evaluateEscalation(setup.escalation, { priority: 'P1', line: 'L1', readings, sent: [] });
    expect(decision.notices.map((n) => n.kind)).toEqual(['warning']);
    expect(decision.raiseTo).toBe('L2');
  });

  it('a met target raises nothing, even if it was met late', () => {
    const answeredLate = { ...p2, firstRespondedAt: at('2025-06-09T08:30:00Z') };
    const readings = readingsAt('2025-06-09T09:00:00Z', answeredLate);
    expect(readings.first_response).toMatchObject({ state: 'stopped', breached: true });
    const decision = evaluateEscalation(setup.escalation, { priority: 'P2', line: 'L1', readings, sent: [] });
    expect(decision).toEqual({ notices: [], raiseTo: null });
  });

  it('honours a custom threshold and a line that has nowhere further to go', () => {
    const reading: SlaClockReading = {
      state: 'running', targetMs: 100, elapsedMs: 95, remainingMs: 5, overdueMs: 0, fractionUsed: 0.95, dueAt: null, breached: false,
    };
    const policy = { warnAt: 0.9, raiseOn: { ...setup.escalation.raiseOn, P4: 'warning' as const } };
    const decision = evaluateEscalation(policy, {
      priority: 'P4', line: 'L3', readings: { first_response: reading, resolution: reading }, sent: [],
    });
    expect(decision.notices.map((n) => [n.target, n.kind])).toEqual([['first_response', 'warning'], ['resolution', 'warning']]);
    expect(decision.raiseTo).toBeNull();
  });
});

describe('nextSupportLine', () => {
  it('goes L1 -> L2 -> L3 and stops', () => {
    expect([nextSupportLine('L1'), nextSupportLine('L2'), nextSupportLine('L3')]).toEqual(['L2', 'L3', null]);
  });
});
