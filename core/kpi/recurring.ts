/**
 * Recurring problems and knowledge gaps over the tickets created in a period, so root causes can be
 * fixed: which categories and articles bring the most tickets and the most escalations, and which
 * questions the knowledge base could not answer at all.
 */
import type { Prisma } from '../store/database.ts';
import { loadCohort, reasonOf, type KpiTicket } from './load.ts';
import { round4 } from './stats.ts';
import type { KnowledgeGap, KnowledgeGaps, KpiQuery, RankedRow, RecurringProblems } from './types.ts';

/** Escalation reason recorded when search found no confident answer (core/dialogue/handoff.ts). */
const NO_ANSWER = 'no_confident_answer';
export const DEFAULT_RANK_LIMIT = 20;

export async function recurringProblems(prisma: Prisma, query: KpiQuery, limit = DEFAULT_RANK_LIMIT): Promise<RecurringProblems> {
  const { tickets } = await loadCohort(prisma, query);
  const withArticle = tickets.filter((t): t is KpiTicket & { articleKey: string } => t.articleKey !== null);
  return {
    period: periodOf(query),
    categories: ranked(rows(tickets, (t) => t.category), limit),
    // An article's escalations: tickets where the bot offered it and a person still had to step in.
    articles: ranked(rows(withArticle, (t) => t.articleKey), limit),
  };
}

function rows<T extends KpiTicket>(tickets: readonly T[], key: (t: T) => string): RankedRow[] {
  const counts = new Map<string, { tickets: number; escalated: number }>();
  for (const t of tickets) {
    const row = counts.get(key(t)) ?? { tickets: 0, escalated: 0 };
    row.tickets += 1;
    if (t.escalatedAt) row.escalated += 1;
    counts.set(key(t), row);
  }
  return [...counts].map(([k, c]) => ({ key: k, ...c, escalationRate: round4(c.escalated / c.tickets) }));
}

function ranked(all: RankedRow[], limit: number): { byVolume: RankedRow[]; byEscalations: RankedRow[] } {
  const byKey = (a: RankedRow, b: RankedRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return {
    byVolume: [...all].sort((a, b) => b.tickets - a.tickets || byKey(a, b)).slice(0, limit),
    byEscalations: all
      .filter((r) => r.escalated > 0)
      .sort((a, b) => b.escalated - a.escalated || b.tickets - a.tickets || byKey(a, b))
      .slice(0, limit),
  };
}

/**
 * Questions escalated because the knowledge base had no confident answer, grouped by normalised
 * subject (so "VPN down!" and "vpn  down" are one gap), most frequent first.
 */
export async function knowledgeGaps(prisma: Prisma, query: KpiQuery, limit = 50): Promise<KnowledgeGaps> {
  const { tickets, events } = await loadCohort(prisma, query);
  const groups = new Map<string, KnowledgeGap>();
  let total = 0;
  for (const t of tickets) {
    const escalation = (events.get(t.id) ?? []).find((e) => e.type === 'escalated' && reasonOf(e) === NO_ANSWER);
    if (!escalation) continue;
    total += 1;
    const question = normaliseQuestion(t.subject);
    const at = escalation.createdAt.toISOString();
    const gap = groups.get(question);
    if (gap) {
      gap.count += 1;
      if (at > gap.lastAt) gap.lastAt = at;
    } else groups.set(question, { question, count: 1, example: t.subject, lastAt: at });
  }
  const gaps = [...groups.values()].sort((a, b) => b.count - a.count || (a.question < b.question ? -1 : 1)).slice(0, limit);
  return { period: periodOf(query), total, gaps };
}

/** Lower case, Unicode-normalised, punctuation dropped, whitespace folded; letters of any script kept. */
export function normaliseQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function periodOf(query: KpiQuery): { from: string; to: string } {
  return { from: query.from.toISOString(), to: query.to.toISOString() };
}
