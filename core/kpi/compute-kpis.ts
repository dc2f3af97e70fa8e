/**
 * The support KPIs over the tickets created in a period (a cohort): what happened to them as of `now`.
 * Definitions live in ticket-facts.ts and README-kpi.md.
 *
 * @example
 * const report = await computeKpis(prisma, { from: new Date('2026-01-01'), to: new Date('2026-02-01'), channel: 'telegram' }, clock.now());
 * report.selfServiceDeflection // { count: 120, of: 400, rate: 0.3 }
 */
import type { Prisma } from '../store/database.ts';
import { OPEN_STATUSES } from '../model/ticket.ts';
import { loadCohort, dimensionWhere, type Cohort, type KpiTicket } from './load.ts';
import * as facts from './ticket-facts.ts';
import { average, countBy, durationStats, rate, type Rate } from './stats.ts';
import type { AgentKpi, KpiQuery, KpiReport, SlaCompliance } from './types.ts';

export async function computeKpis(prisma: Prisma, query: KpiQuery, now: Date = new Date()): Promise<KpiReport> {
  const cohort = await loadCohort(prisma, query);
  const { tickets } = cohort;
  const eventsOf = (t: KpiTicket) => cohort.events.get(t.id) ?? [];
  const numbers = (pick: (t: KpiTicket) => number | undefined, only: (t: KpiTicket) => boolean = () => true) =>
    tickets.filter(only).map(pick).filter((x): x is number => x !== undefined);
  return {
    period: { from: query.from.toISOString(), to: query.to.toISOString() },
    filters: filtersOf(query),
    generatedAt: now.toISOString(),
    volume: {
      total: tickets.length,
      byChannel: countBy(tickets, (t) => t.channel),
      byCategory: countBy(tickets, (t) => t.category),
      byQueue: countBy(tickets, (t) => t.supportLine),
      byType: countBy(tickets, (t) => t.type),
      byPriority: countBy(tickets, (t) => t.priority),
    },
    selfServiceDeflection: rate(tickets.filter(facts.isDeflected).length, tickets.length),
    firstContactResolution: firstContactResolution(cohort),
    firstResponseTime: {
      bot: durationStats(numbers((t) => facts.botFirstAnswerMs(t, eventsOf(t)))),
      human: durationStats(numbers(facts.humanFirstResponseMs)),
    },
    mttr: {
      bot: durationStats(numbers(facts.timeToResolveMs, (t) => facts.resolvedBy(t) === 'bot')),
      human: durationStats(numbers(facts.timeToResolveMs, (t) => facts.resolvedBy(t) === 'agent')),
    },
    sla: {
      firstResponse: compliance(tickets.map((t) => facts.firstResponseOutcome(t, now))),
      resolution: compliance(tickets.map((t) => facts.resolutionOutcome(t, now))),
    },
    csat: csatOf(tickets),
    escalationRate: rate(tickets.filter((t) => t.escalatedAt !== null).length, tickets.length),
    backlog: await backlog(prisma, query, now),
    agents: await agentBreakdown(prisma, tickets),
  };
}

function filtersOf(query: KpiQuery): KpiReport['filters'] {
  const { channel, category, queue, agentId } = query;
  return Object.fromEntries(Object.entries({ channel, category, queue, agentId }).filter(([, v]) => v !== undefined));
}

function firstContactResolution(cohort: Cohort): KpiReport['firstContactResolution'] {
  const split = (by: 'bot' | 'agent' | null): Rate => {
    const resolved = cohort.tickets.filter((t) => (by ? facts.resolvedBy(t) === by : facts.resolvedBy(t) !== null));
    const fcr = resolved.filter((t) => facts.isFirstContactResolution(t, cohort.events.get(t.id) ?? []));
    return rate(fcr.length, resolved.length);
  };
  return { ...split(null), bot: split('bot'), agent: split('agent') };
}

function compliance(outcomes: ReadonlyArray<facts.SlaOutcome | undefined>): SlaCompliance {
  const met = outcomes.filter((o) => o === 'met').length;
  const breached = outcomes.filter((o) => o === 'breached').length;
  const pending = outcomes.filter((o) => o === 'pending').length;
  return { met, breached, pending, rate: rate(met, met + breached).rate };
}

function csatOf(tickets: readonly KpiTicket[]): KpiReport['csat'] {
  const scores = tickets.map((t) => t.csat).filter((s): s is number => s !== null && s >= 1 && s <= 5);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const s of scores) distribution[String(s) as keyof typeof distribution] += 1;
  return { average: average(scores), count: scores.length, distribution };
}

/** Open tickets NOW, whatever their creation date (the period does not apply), with the other filters. */
async function backlog(prisma: Prisma, query: KpiQuery, now: Date): Promise<KpiReport['backlog']> {
  const open = await prisma.ticket.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, ...dimensionWhere(query) },
    select: { status: true, createdAt: true },
  });
  return {
    open: open.length,
    byStatus: countBy(open, (t) => t.status),
    age: durationStats(open.map((t) => Math.max(0, now.getTime() - t.createdAt.getTime()))),
  };
}

/** Per current assignee: tickets, resolutions, human first response and CSAT, busiest agent first. */
async function agentBreakdown(prisma: Prisma, tickets: readonly KpiTicket[]): Promise<AgentKpi[]> {
  const byAgent = new Map<string, KpiTicket[]>();
  for (const t of tickets) if (t.assigneeId) byAgent.set(t.assigneeId, [...(byAgent.get(t.assigneeId) ?? []), t]);
  const agents = await prisma.agent.findMany({ where: { id: { in: [...byAgent.keys()] } }, select: { id: true, name: true } });
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return [...byAgent]
    .map(([agentId, own]): AgentKpi => {
      const scores = own.map((t) => t.csat).filter((s): s is number => s !== null);
      return {
        agentId,
        name: names.get(agentId) ?? agentId,
        tickets: own.length,
        resolved: own.filter((t) => facts.resolvedBy(t) === 'agent').length,
        firstResponse: durationStats(own.map(facts.humanFirstResponseMs).filter((x): x is number => x !== undefined)),
        csat: { average: average(scores), count: scores.length },
      };
    })
    .sort((a, b) => b.resolved - a.resolved || b.tickets - a.tickets || a.name.localeCompare(b.name));
}
