/** Renders a KPI report as plain text for the terminal (`npm run report`). */
import type { DurationStats, Rate } from './stats.ts';
import type { KnowledgeGaps, KpiReport, RankedRow, RecurringProblems, SlaCompliance } from './types.ts';

/** 90061000 -> "1d 1h", 3900000 -> "1h 5m", 42000 -> "42s"; two units at most, for reading not parsing. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  const units: Array<[string, number]> = [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]];
  const parts: string[] = [];
  let rest = s;
  for (const [label, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${label}`);
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !/^0/.test(p)).join(' ') || '0s';
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const rateText = (r: Rate) => `${pct(r.rate)} (${r.count}/${r.of})`;
const durText = (d: DurationStats) => `median ${formatMs(d.medianMs)}, p90 ${formatMs(d.p90Ms)} (n=${d.count})`;
const slaText = (s: SlaCompliance) => `${pct(s.rate)} (met ${s.met}, breached ${s.breached}, pending ${s.pending})`;
const counts = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ') || '-';

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

export function formatKpiReport(r: KpiReport): string {
  const filters = Object.entries(r.filters).map(([k, v]) => `${k}=${v}`).join(' ');
  const header = `KPI report: tickets created ${r.period.from} .. ${r.period.to}${filters ? ` (${filters})` : ''}`;
  const main = table([
    ['Tickets', String(r.volume.total)],
    ['  by channel', counts(r.volume.byChannel)],
    ['  by category', counts(r.volume.byCategory)],
    ['  by queue', counts(r.volume.byQueue)],
    ['  by type', counts(r.volume.byType)],
    ['  by priority', counts(r.volume.byPriority)],
    ['Self-service deflection', rateText(r.selfServiceDeflection)],
    ['First-contact resolution', `${rateText(r.firstContactResolution)}; bot ${rateText(r.firstContactResolution.bot)}, agents ${rateText(r.firstContactResolution.agent)}`],
    ['First answer (bot)', durText(r.firstResponseTime.bot)],
    ['First response (human)', durText(r.firstResponseTime.human)],
    ['Time to resolve (bot)', durText(r.mttr.bot)],
    ['Time to resolve (human)', durText(r.mttr.human)],
    ['SLA first response', slaText(r.sla.firstResponse)],
    ['SLA resolution', slaText(r.sla.resolution)],
    ['CSAT', `${r.csat.average ?? '-'} (n=${r.csat.count}; ${Object.entries(r.csat.distribution).map(([k, v]) => `${k}:${v}`).join(' ')})`],
    ['Escalation rate', rateText(r.escalationRate)],
    ['Backlog now', `${r.backlog.open} open (${counts(r.backlog.byStatus)}); age ${durText(r.backlog.age)}`],
  ]);
  const agents = r.agents.length
    ? table(r.agents.map((a) => [a.name, `${a.resolved}/${a.tickets} resolved, first response median ${formatMs(a.firstResponse.medianMs)}, CSAT ${a.csat.average ?? '-'} (n=${a.csat.count})`]))
    : '  (none)';
  return `${header}\n\n${main}\n\nAgents\n${agents}\n`;
}

const ranked = (rows: RankedRow[]) => (rows.length ? table(rows.map((x) => [x.key, `${x.tickets} tickets, ${x.escalated} escalated (${pct(x.escalationRate)})`])) : '  (none)');

export function formatRecurring(r: RecurringProblems, gaps: KnowledgeGaps): string {
  const gapLines = gaps.gaps.length ? gaps.gaps.map((g) => `  ${String(g.count).padStart(4)}  ${g.example}`).join('\n') : '  (none)';
  const sections: Array<[string, string]> = [
    ['Categories by volume', ranked(r.categories.byVolume)],
    ['Categories by escalations', ranked(r.categories.byEscalations)],
    ['Articles by volume', ranked(r.articles.byVolume)],
    ['Articles by escalations', ranked(r.articles.byEscalations)],
    [`Knowledge gaps (${gaps.total} tickets without a confident answer)`, gapLines],
  ];
  return `${sections.map(([title, body]) => `${title}\n${body}`).join('\n\n')}\n`;
}
