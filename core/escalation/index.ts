/** SLA escalation: the periodic sweep that turns SLA decisions into events, notices and line raises. */
export { createSlaSweeper, DEFAULT_SWEEP_INTERVAL_MS, SWEPT_STATUSES, type SlaSweeper, type SlaSweeperOptions, type SweepSummary } from './sla-sweeper.ts';
export { registerSweepMetrics, type SweepMetrics } from './sweep-metrics.ts';
