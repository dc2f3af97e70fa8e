/** The KPI query and report shapes, shared by computeKpis, the REST endpoints and the CLI report. */
import type { DurationStats, Rate } from './stats.ts';

/** Tickets CREATED in [from, to), optionally narrowed by channel, category, queue (support line) or agent. */
export interface KpiQuery {
  from: Date;
  to: Date;
  channel?: string;
  category?: string;
  /** The ticket's current support line (L1/L2/L3), which is the queue the SLA calendars map. */
  queue?: string;
  /** The ticket's current assignee. */
  agentId?: string;
}

/** SLA outcome counts; `rate` = met / (met + breached). `pending`: not decided yet (not counted in rate). */
export interface SlaCompliance {
  met: number;
  breached: number;
  pending: number;
  rate: number | null;
}

export interface AgentKpi {
  agentId: string;
  name: string;
  /** Tickets of the period currently assigned to the agent. */
  tickets: number;
  resolved: number;
  firstResponse: DurationStats;
  csat: { average: number | null; count: number };
}

export interface KpiReport {
  period: { from: string; to: string };
  filters: { channel?: string; category?: string; queue?: string; agentId?: string };
  generatedAt: string;
  volume: {
    total: number;
    byChannel: Record<string, number>;
    byCategory: Record<string, number>;
    byQueue: Record<string, number>;
    byType: Record<string, number>;
    byPriority: Record<string, number>;
  };
  selfServiceDeflection: Rate;
  firstContactResolution: Rate & { bot: Rate; agent: Rate };
  firstResponseTime: { bot: DurationStats; human: DurationStats };
  mttr: { bot: DurationStats; human: DurationStats };
  sla: { firstResponse: SlaCompliance; resolution: SlaCompliance };
  csat: { average: number | null; count: number; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  escalationRate: Rate;
  backlog: { open: number; byStatus: Record<string, number>; age: DurationStats };
  agents: AgentKpi[];
}

export interface RankedRow {
  key: string;
  tickets: number;
  escalated: number;
  /** escalated / tickets, 4 decimals. */
  escalationRate: number;
}

export interface RecurringProblems {
  period: { from: string; to: string };
  categories: { byVolume: RankedRow[]; byEscalations: RankedRow[] };
  articles: { byVolume: RankedRow[]; byEscalations: RankedRow[] };
}

export interface KnowledgeGap {
  /** The normalised question (lower case, punctuation and repeated spaces removed). */
  question: string;
  count: number;
  /** One subject as the requester wrote it. */
  example: string;
  lastAt: string;
}

export interface KnowledgeGaps {
  period: { from: string; to: string };
  total: number;
  gaps: KnowledgeGap[];
}
