/** KPI gauges as Prometheus scrapes them, over the seeded tickets, with the clock moved between scrapes. */
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { registerKpiMetrics } from '../../core/kpi/metrics.ts';
import { providers, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { NOW, seedKpiTickets } from './seed.ts';

type Sample = { labels: Record<string, string | number>; value: number };

async function scrape(registry: Registry): Promise<Record<string, Sample[]>> {
  const metrics = await registry.getMetricsAsJSON();
  return Object.fromEntries(metrics.map((m) => [m.name, (m as unknown as { values: Sample[] }).values]));
}

describe.each(providers)('KPI gauges on %s', (provider) => {
  let db: TestDatabase;
  let clock: ManualClock;
  let registry: Registry;
  beforeEach(async () => {
    db = await createTestDatabase(provider);
    await seedKpiTickets(db.prisma);
    clock = new ManualClock(NOW);
    registry = new Registry();
    registerKpiMetrics(registry, db.prisma, clock);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('open tickets, backlog age p90 and open SLA breaches now', async () => {
    const m = await scrape(registry);
    const open = m.frontline_open_tickets!.map((s) => [s.labels.status, s.labels.priority, s.value]).sort();
    expect(open).toEqual([['escalated', 'P2', 1], ['escalated', 'P3', 1], ['new', 'P4', 1], ['waiting_for_user', 'P3', 1]]);
    // Four open tickets: p90 rank 4 is the oldest, #7, created 2026-01-20 10:00: 21 days 2 hours before NOW.
    expect(m.frontline_backlog_age_p90_seconds![0]!.value).toBe(21 * 86_400 + 2 * 3600);
    // Only #7 runs past its due times; #8 waits for the user.
    expect(m.frontline_sla_breaches_open!.map((s) => [s.labels.target, s.value])).toEqual([['first_response', 1], ['resolution', 1]]);
  });

  it('deflection and CSAT over the last 7 days follow the clock', async () => {
    clock.set(new Date('2026-01-08T12:00:00Z')); // window from 01-01 12:00: tickets #1-#4
    const m = await scrape(registry);
    expect(m.frontline_self_service_deflection_7d![0]!.value).toBe(0.5); // #1, #2 of 4
    expect(m.frontline_csat_average_7d![0]!.value).toBeCloseTo(11 / 3, 6); // 5, 4, 2
    expect(m.frontline_csat_responses_7d![0]!.value).toBe(3);
    clock.set(NOW); // nothing created in the week before NOW
    const later = await scrape(registry);
    expect(later.frontline_self_service_deflection_7d![0]!.value).toBe(0);
    expect(later.frontline_csat_responses_7d![0]!.value).toBe(0);
  });

  it('a status that empties disappears from the open-tickets gauge', async () => {
    await scrape(registry);
    await db.prisma.ticket.updateMany({ where: { status: 'new' }, data: { status: 'cancelled' } });
    const m = await scrape(registry);
    expect(m.frontline_open_tickets!.some((s) => s.labels.status === 'new')).toBe(false);
  });
});
