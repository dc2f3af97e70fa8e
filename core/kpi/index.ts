/** Support KPIs: computation, recurring problems, knowledge gaps, REST router, Prometheus gauges. */
export { computeKpis } from './compute-kpis.ts';
export { knowledgeGaps, recurringProblems, normaliseQuestion } from './recurring.ts';
export { kpiRouter, type KpiRouterDeps } from './http.ts';
export { registerKpiMetrics } from './metrics.ts';
export { parseKpiQuery, parsePeriodQuery, parseDateParam } from './query.ts';
export { formatKpiReport, formatRecurring } from './format-report.ts';
export type * from './types.ts';
export type { DurationStats, Rate } from './stats.ts';
