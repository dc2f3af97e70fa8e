/**
 * Reads what the KPIs need: the period's tickets (selected columns only) and the few event types that
 * carry facts the ticket row does not (the bot's first answer, assignments, releases, raises, reopens,
 * escalation reasons). Computation happens in JS over these rows, which keeps it identical on SQLite
 * and PostgreSQL (no dialect-specific date arithmetic or percentile functions).
 */
import type { Prisma } from '../store/database.ts';
import type { Prisma as PrismaTypes } from '../../prisma/generated/sqlite/client.ts';
import type { KpiQuery } from './types.ts';

export const KPI_TICKET_COLUMNS = {
  id: true,
  number: true,
  subject: true,
  status: true,
  channel: true,
  category: true,
  type: true,
  priority: true,
  supportLine: true,
  assigneeId: true,
  articleKey: true,
  resolvedBy: true,
  csat: true,
  reopenCount: true,
  firstResponseDue: true,
  resolutionDue: true,
  firstResponseAt: true,
  escalatedAt: true,
  resolvedAt: true,
  closedAt: true,
  pausedAt: true,
  createdAt: true,
} as const satisfies PrismaTypes.TicketSelect;

export type KpiTicket = PrismaTypes.TicketGetPayload<{ select: typeof KPI_TICKET_COLUMNS }>;

/** Event types the KPIs read. */
export const KPI_EVENT_TYPES = ['answered_by_bot', 'escalated', 'assigned', 'released', 'raised_line', 'reopened'] as const;

export interface KpiEvent {
  ticketId: string;
  type: string;
  actorId: string | null;
  data: string;
  createdAt: Date;
}

export interface Cohort {
  tickets: KpiTicket[];
  /** Each ticket's KPI events, oldest first; tickets without any are absent. */
  events: Map<string, KpiEvent[]>;
}

/** Channel/category/queue/agent filters, without the period (the backlog uses them alone). */
export function dimensionWhere(query: Omit<KpiQuery, 'from' | 'to'>): PrismaTypes.TicketWhereInput {
  return {
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.queue ? { supportLine: query.queue } : {}),
    ...(query.agentId ? { assigneeId: query.agentId } : {}),
  };
}

export function cohortWhere(query: KpiQuery): PrismaTypes.TicketWhereInput {
  return { createdAt: { gte: query.from, lt: query.to }, ...dimensionWhere(query) };
}

export async function loadCohort(prisma: Prisma, query: KpiQuery): Promise<Cohort> {
  const where = cohortWhere(query);
  const tickets = await prisma.ticket.findMany({ where, select: KPI_TICKET_COLUMNS, orderBy: { createdAt: 'asc' } });
  // A relation filter instead of `ticketId IN (...)`: no bind-parameter limit for long periods.
  const rows = await prisma.ticketEvent.findMany({
    where: { type: { in: [...KPI_EVENT_TYPES] }, ticket: where },
    select: { ticketId: true, type: true, actorId: true, data: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const events = new Map<string, KpiEvent[]>();
  for (const row of rows) {
    const list = events.get(row.ticketId);
    if (list) list.push(row);
    else events.set(row.ticketId, [row]);
  }
  return { tickets, events };
}

/** `data.reason` of an event, or undefined when absent or unreadable. */
export function reasonOf(event: KpiEvent): string | undefined {
  try {
    const reason = (JSON.parse(event.data) as { reason?: unknown }).reason;
    return typeof reason === 'string' ? reason : undefined;
  } catch {
    return undefined;
  }
}
