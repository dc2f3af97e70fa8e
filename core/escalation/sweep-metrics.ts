/**
 * Prometheus counters for what the SLA sweep did. Counters (not gauges over the events table) so that
 * alerting can use `increase(...[5m])` without a query per scrape.
 */
import { Counter, type Registry } from 'prom-client';
import type { NoticeKind, SlaTarget, SupportLine } from '../sla/policy-types.ts';

export interface SweepMetrics {
  notice(kind: NoticeKind, target: SlaTarget): void;
  raised(to: SupportLine): void;
}

export function registerSweepMetrics(registry: Registry): SweepMetrics {
  const notices = new Counter({
    name: 'frontline_sla_notices_total',
    help: 'SLA warnings and breaches recorded by the sweep',
    labelNames: ['kind', 'target'] as const,
    registers: [registry],
  });
  const raises = new Counter({
    name: 'frontline_sla_line_raises_total',
    help: 'Tickets raised to the next support line by the SLA sweep',
    labelNames: ['to'] as const,
    registers: [registry],
  });
  return {
    notice: (kind, target) => notices.inc({ kind, target }),
    raised: (to) => raises.inc({ to }),
  };
}
