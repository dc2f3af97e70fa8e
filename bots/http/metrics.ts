/**
 * Prometheus metrics (prom-client): process metrics plus the health of the pipeline, read from the
 * database on scrape with bounded queries (inbox and outbox backlog by status).
 */
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Prisma } from '../../core/store/database.ts';

export function createMetricsRegistry(prisma: Prisma): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'frontline_' });
  new Gauge({
    name: 'frontline_inbox_events',
    help: 'Inbound events by processing status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const groups = await prisma.inboxEvent.groupBy({ by: ['status'], _count: { _all: true } });
      this.reset();
      for (const g of groups) this.set({ status: g.status }, g._count._all);
    },
  });
  new Gauge({
    name: 'frontline_outbox_messages',
    help: 'Outbound messages by delivery status',
    labelNames: ['status', 'channel'],
    registers: [registry],
    async collect() {
      const groups = await prisma.outboxMessage.groupBy({ by: ['status', 'channel'], _count: { _all: true } });
      this.reset();
      for (const g of groups) this.set({ status: g.status, channel: g.channel }, g._count._all);
    },
  });
  return registry;
}
