/**
 * The SLA sweep against a real database with an injected clock: a P2 printing ticket opened Friday 17:55
 * on the 09:00-18:00 Moscow calendar (first response due Monday 09:55, warned at 80% = 09:43), breached
 * and raised to L2 after the due time, every notice posted once even when two sweepers run at once; and
 * a priority change picked up by the sweep through setDueTimes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { DEFAULT_SLA_CONFIG } from '../../core/sla/default-config.ts';
import { parseSlaConfig } from '../../core/sla/sla-config.ts';
import { createSlaPort } from '../../core/sla/sla-port.ts';
import { Registry } from 'prom-client';
import { createSlaSweeper, registerSweepMetrics, type SlaSweeper } from '../../core/escalation/index.ts';
import type { AgentNotice, Delivery } from '../../core/model/delivery.ts';
import { providers, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { shippedKnowledge } from '../support/harness.ts';

const setup = parseSlaConfig({ ...DEFAULT_SLA_CONFIG, categories: { printing: 'business' } });
const friday1755 = new Date('2025-06-06T14:55:00Z'); // 17:55 Moscow
const at = (iso: string) => new Date(iso);

describe.each(providers)('SLA sweep on %s', (provider) => {
  let db: TestDatabase;
  let clock: ManualClock;
  const sla = () => createSlaPort(setup, clock);
  const sweeper = (): SlaSweeper =>
    createSlaSweeper({ db, sla: sla(), clock, log: silentLogger, agentSurfaces: ['telegram', 'slack'], leadSurface: 'slack', kb: shippedKnowledge(), ticketPrefix: 'FL' });

  beforeEach(async () => {
    db = await createTestDatabase(provider);
    clock = new ManualClock(friday1755);
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function seedTicket(overrides: { priority?: string; createdAt?: Date; status?: string } = {}) {
    const createdAt = overrides.createdAt ?? friday1755;
    const requester = await db.prisma.requester.create({ data: { displayName: 'Alice', createdAt } });
    const conversation = await db.prisma.conversation.create({ data: { requesterId: requester.id, channel: 'telegram', conversationKey: `c-${createdAt.getTime()}` } });
    const ticket = await db.prisma.ticket.create({
      data: {
        number: 1, subject: 'Printer on floor 3 jams', status: overrides.status ?? 'escalated', channel: 'telegram', requesterId: requester.id,
        conversationId: conversation.id, category: 'printing', priority: overrides.priority ?? 'P2', createdAt, escalatedAt: createdAt,
      },
    });
    const due = sla().dueTimes(ticket, createdAt);
    return db.prisma.ticket.update({ where: { id: ticket.id }, data: due });
  }

  const events = async (ticketId: string) =>
    (await db.prisma.ticketEvent.findMany({ where: { ticketId }, orderBy: { createdAt: 'asc' } })).map((e) => ({ type: e.type, data: JSON.parse(e.data) as Record<string, unknown> }));
  const outbox = async () =>
    (await db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((row) => ({ channel: row.channel, orderKey: row.orderKey, notice: (JSON.parse(row.payload) as Extract<Delivery, { kind: 'agent_notice' }>).notice }));
  const slaAlerts = (rows: Array<{ channel: string; notice: AgentNotice }>) =>
    rows.flatMap((r) => (r.notice.kind === 'sla_alert' ? [[r.channel, r.notice.level, r.notice.target]] : []));

  it('warns at 80% on Monday 09:43, breaches after 09:55 and raises to L2, each notice once', async () => {
    const ticket = await seedTicket();
    expect(ticket.firstResponseDue).toEqual(at('2025-06-09T06:55:00Z')); // Monday 09:55 Moscow
    const a = sweeper();
    const b = sweeper();

    clock.set(at('2025-06-06T15:30:00Z')); // Friday 18:30: 5 of 60 working minutes used
    expect(await a.runOnce()).toEqual({ checked: 1, warnings: 0, breaches: 0, raised: 0 });
    clock.set(at('2025-06-09T06:42:00Z')); // Monday 09:42: 47/60 = 78%
    expect((await a.runOnce()).warnings).toBe(0);

    clock.set(at('2025-06-09T06:43:00Z')); // Monday 09:43: 48/60 = 80%
    const both = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(both.map((s) => s.warnings).sort()).toEqual([0, 1]);
    expect(await a.runOnce()).toMatchObject({ warnings: 0, breaches: 0 });
    const warned = await outbox();
    expect(slaAlerts(warned)).toEqual([['telegram', 'warning', 'first_response'], ['slack', 'warning', 'first_response']]);
    const lead = warned.filter((r) => r.notice.kind === 'lead_alert');
    expect(lead).toHaveLength(1);
    expect(lead[0]).toMatchObject({ channel: 'slack', orderKey: 'lead:slack' });
    expect(lead[0]!.notice.kind === 'lead_alert' && lead[0]!.notice.text).toMatch(/SLA warning \(first response, due 2025-06-09T06:55:00.000Z\) on FL-00001/);

    clock.set(at('2025-06-09T06:56:00Z')); // Monday 09:56: one minute past due
    const [first, second] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(first.breaches + second.breaches).toBe(1);
    expect(first.raised + second.raised).toBe(1);
    await a.runOnce();

    const trail = await events(ticket.id);
    expect(trail.map((e) => e.type)).toEqual(['sla_warning', 'sla_breached', 'raised_line']);
    expect(trail[0]!.data).toMatchObject({ target: 'first_response', dueAt: '2025-06-09T06:55:00.000Z', fractionUsed: 0.8 });
    expect(trail[1]!.data).toMatchObject({ target: 'first_response', overdueMs: 60_000 });
    expect(trail[2]!.data).toMatchObject({ from: 'L1', to: 'L2', reason: 'sla_breach', target: 'first_response' });
    const raised = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(raised.supportLine).toBe('L2');
    // No queue calendar for L2 here, so the due times stand and no sla_set is recorded.
    expect(raised.firstResponseDue).toEqual(ticket.firstResponseDue);

    const all = await outbox();
    expect(slaAlerts(all)).toEqual([
      ['telegram', 'warning', 'first_response'], ['slack', 'warning', 'first_response'],
      ['telegram', 'breached', 'first_response'], ['slack', 'breached', 'first_response'],
    ]);
    expect(all.filter((r) => r.notice.kind === 'ticket_updated').map((r) => r.notice.kind === 'ticket_updated' && r.notice.change)).toEqual(['raised to L2 (SLA)', 'raised to L2 (SLA)']);
    expect(all.filter((r) => r.notice.kind === 'lead_alert')).toHaveLength(2);
    const breachCard = all.find((r) => r.notice.kind === 'sla_alert' && r.notice.level === 'breached')!.notice;
    expect(breachCard.card).toMatchObject({ number: 'FL-00001', slaAlert: 'breached', firstResponseDue: '2025-06-09T06:55:00.000Z' });
  });

  it('a raise to a line with its own calendar recomputes the due times and records sla_set', async () => {
    const withL2 = parseSlaConfig({ ...DEFAULT_SLA_CONFIG, categories: { printing: 'business' }, queues: { L2: 'default' } });
    const ticket = await seedTicket();
    clock.set(at('2025-06-09T06:56:00Z'));
    const raising = createSlaSweeper({ db, sla: createSlaPort(withL2, clock), clock, log: silentLogger, agentSurfaces: ['slack'], kb: shippedKnowledge(), ticketPrefix: 'FL' });
    expect(await raising.runOnce()).toMatchObject({ breaches: 1, raised: 1 });
    const trail = await events(ticket.id);
    expect(trail.map((e) => e.type)).toEqual(['sla_breached', 'raised_line', 'sla_set']);
    // L2 counts around the clock (from creation, the row keeps no calendar history): Friday 17:55 + 1h / + 8h.
    expect(trail[2]!.data).toEqual({ firstResponseDue: '2025-06-06T15:55:00.000Z', resolutionDue: '2025-06-06T22:55:00.000Z', priority: 'P2' });
  });

  it('stops watching once the first response is sent and the ticket resolved', async () => {
    const ticket = await seedTicket();
    await db.prisma.ticket.update({ where: { id: ticket.id }, data: { firstResponseAt: at('2025-06-09T06:10:00Z') } });
    clock.set(at('2025-06-09T06:50:00Z'));
    expect(await sweeper().runOnce()).toEqual({ checked: 1, warnings: 0, breaches: 0, raised: 0 });
    await db.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'resolved', resolvedAt: at('2025-06-09T06:55:00Z') } });
    clock.set(at('2025-06-10T06:50:00Z')); // the resolution target would be long breached
    expect(await sweeper().runOnce()).toEqual({ checked: 0, warnings: 0, breaches: 0, raised: 0 });
    expect(await events(ticket.id)).toEqual([]);
  });

  it('a priority change is picked up: due times recomputed (sla_set), then judged by the new target', async () => {
    const monday10 = at('2025-06-09T07:00:00Z'); // Monday 10:00 Moscow
    const ticket = await seedTicket({ priority: 'P3', createdAt: monday10 });
    expect(ticket.firstResponseDue).toEqual(at('2025-06-09T11:00:00Z')); // P3: 4h -> 14:00
    await db.prisma.ticket.update({ where: { id: ticket.id }, data: { priority: 'P2' } });

    clock.set(at('2025-06-09T07:50:00Z')); // 10:50: 50 of P2's 60 minutes used
    const registry = new Registry();
    const metrics = registerSweepMetrics(registry);
    const counted = createSlaSweeper({ db, sla: sla(), clock, log: silentLogger, agentSurfaces: ['slack'], kb: shippedKnowledge(), ticketPrefix: 'FL', metrics });
    expect(await counted.runOnce()).toMatchObject({ warnings: 1, breaches: 0 });
    expect(await registry.getSingleMetricAsString('frontline_sla_notices_total')).toMatch(/frontline_sla_notices_total\{kind="warning",target="first_response"\} 1/);
    const trail = await events(ticket.id);
    expect(trail.map((e) => e.type)).toEqual(['sla_set', 'sla_warning']);
    expect(trail[0]!.data).toEqual({ firstResponseDue: '2025-06-09T08:00:00.000Z', resolutionDue: '2025-06-09T15:00:00.000Z', priority: 'P2' });
    const stored = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored.firstResponseDue).toEqual(at('2025-06-09T08:00:00Z'));
    expect(await sweeper().runOnce()).toMatchObject({ warnings: 0, breaches: 0 });
    expect((await events(ticket.id)).filter((e) => e.type === 'sla_set')).toHaveLength(1);
  });

  it('start/stop runs the sweep on a timer and stops cleanly', async () => {
    await seedTicket();
    clock.set(at('2025-06-09T06:43:00Z'));
    const timed = createSlaSweeper({ db, sla: sla(), clock, log: silentLogger, agentSurfaces: ['slack'], kb: shippedKnowledge(), ticketPrefix: 'FL', intervalMs: 10 });
    timed.start();
    await expect.poll(async () => db.prisma.ticketEvent.count({ where: { type: 'sla_warning' } }), { timeout: 5000 }).toBe(1);
    await timed.stop();
    expect(await db.prisma.outboxMessage.count()).toBe(1);
  });
});
