/**
 * KPI gauges for `/metrics`, computed when Prometheus scrapes (prom-client `collect()`), each from a few
 * bounded queries (counts and aggregates, never a full table read), so a scrape stays cheap.
 *
 *   frontline_open_tickets{status,priority}          open tickets now
 *   frontline_backlog_age_p90_seconds                nearest-rank p90 age of open tickets
 *   frontline_sla_breaches_open{target}              open tickets whose running clock is past its due time
 *   frontline_self_service_deflection_7d             deflected / created, tickets created in the last 7 days
 *   frontline_csat_average_7d / frontline_csat_responses_7d
 */
import { Gauge, type Registry } from 'prom-client';
import type { Prisma } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import { OPEN_STATUSES } from '../model/ticket.ts';

const WEEK_MS = 7 * 24 * 3600_000;
const open = { status: { in: [...OPEN_STATUSES] } };

export function registerKpiMetrics(registry: Registry, prisma: Prisma, clock: Clock): void {
  const registers = [registry];
  new Gauge({
    name: 'frontline_open_tickets',
    help: 'Open tickets by status and priority',
    labelNames: ['status', 'priority'] as const,
    registers,
    async collect() {
      const groups = await prisma.ticket.groupBy({ by: ['status', 'priority'], where: open, _count: { _all: true } });
      // Reset first: a status that emptied since the last scrape must read 0/absent, not its old value.
      this.reset();
      for (const g of groups) this.set({ status: g.status, priority: g.priority }, g._count._all);
    },
  });
  new Gauge({
    name: 'frontline_backlog_age_p90_seconds',
    help: 'Age of open tickets at the 90th percentile (nearest rank), seconds',
    registers,
    async collect() {
      this.set((await backlogAgeP90Ms(prisma, clock.now())) / 1000);
    },
  });
  new Gauge({
    name: 'frontline_sla_breaches_open',
    help: 'Open tickets past a due time with the clock running (not waiting for the user)',
    labelNames: ['target'] as const,
    registers,
    async collect() {
      const now = clock.now();
      const running = { ...open, pausedAt: null };
      const [first, resolution] = await Promise.all([
        prisma.ticket.count({ where: { ...running, firstResponseAt: null, firstResponseDue: { lt: now } } }),
        prisma.ticket.count({ where: { ...running, resolutionDue: { lt: now } } }),
      ]);
      this.set({ target: 'first_response' }, first);
      this.set({ target: 'resolution' }, resolution);
    },
  });
  registerWeeklyGauges(registry, prisma, clock);
}

/** The k-th newest open ticket, k = ceil(0.9 n), is the nearest-rank p90 by age: one count, one row. */
async function backlogAgeP90Ms(prisma: Prisma, now: Date): Promise<number> {
  const n = await prisma.ticket.count({ where: open });
  if (n === 0) return 0;
  const row = await prisma.ticket.findFirst({ where: open, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: Math.ceil(0.9 * n) - 1, select: { createdAt: true } });
  return row ? Math.max(0, now.getTime() - row.createdAt.getTime()) : 0;
}

function registerWeeklyGauges(registry: Registry, prisma: Prisma, clock: Clock): void {
  const lastWeek = () => {
    const now = clock.now();
    return { createdAt: { gte: new Date(now.getTime() - WEEK_MS), lte: now } };
  };
  new Gauge({
    name: 'frontline_self_service_deflection_7d',
    help: 'Tickets created in the last 7 days resolved by self-service and never escalated, as a fraction of all of them',
    registers: [registry],
    async collect() {
      const where = lastWeek();
      const [all, deflected] = await Promise.all([
        prisma.ticket.count({ where }),
        prisma.ticket.count({ where: { ...where, resolvedBy: 'bot', resolvedAt: { not: null }, escalatedAt: null } }),
      ]);
      this.set(all > 0 ? deflected / all : 0);
    },
  });
  new Gauge({
    name: 'frontline_csat_average_7d',
    help: 'Average CSAT (1-5) of tickets created in the last 7 days; 0 when none',
    registers: [registry],
    async collect() {
      const stats = await prisma.ticket.aggregate({ where: { ...lastWeek(), csat: { not: null } }, _avg: { csat: true } });
      this.set(stats._avg.csat ?? 0);
    },
  });
  new Gauge({
    name: 'frontline_csat_responses_7d',
    help: 'CSAT ratings on tickets created in the last 7 days',
    registers: [registry],
    async collect() {
      this.set(await prisma.ticket.count({ where: { ...lastWeek(), csat: { not: null } } }));
    },
  });
}
