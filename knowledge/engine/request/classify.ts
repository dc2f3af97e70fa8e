/**
 * Ticket triage from the message and what the knowledge base made of it: category from the categories
 * of the matching articles, type from the best article and the wording, priority from impact and urgency.
 */
import type { Article, RequestClassification, SearchResult } from '../../types.ts';
import { detectLanguage } from '../analysis/language.ts';
import { assessPriority } from './priority.ts';
import { assessType } from './type.ts';

const FALLBACK_CATEGORY = 'general';

export function classifyRequest(text: string, result: SearchResult, byKey: Map<string, Article>): RequestClassification {
  const language = detectLanguage(text);
  // Confidence mass per category: several mediocre printer hits still say "printing".
  const mass = new Map<string, number>();
  let total = 0;
  for (const hit of result.hits) {
    const category = byKey.get(hit.articleKey)?.category ?? FALLBACK_CATEGORY;
    mass.set(category, (mass.get(category) ?? 0) + hit.confidence);
    total += hit.confidence;
  }
  let category = FALLBACK_CATEGORY;
  let categoryMass = 0;
  for (const [name, m] of mass) {
    if (m > categoryMass) [category, categoryMass] = [name, m];
  }
  const best = result.hits[0];
  const bestConfidence = best?.confidence ?? 0;
  // Share among categories times how sure we are that anything matched at all.
  const categoryConfidence = total > 0 ? (categoryMass / total) * Math.min(1, bestConfidence / 0.5) : 0;
  if (categoryConfidence < 0.15) category = FALLBACK_CATEGORY;
  const bestArticle = best ? byKey.get(best.articleKey) : undefined;
  const type = assessType(text, bestArticle?.type, bestConfidence);
  const priority = assessPriority(text, type.type);
  return {
    category,
    categoryConfidence: round(category === FALLBACK_CATEGORY && categoryConfidence < 0.15 ? 0.3 : categoryConfidence),
    type: type.type,
    typeConfidence: type.confidence,
    priority: priority.priority,
    priorityConfidence: priority.confidence,
    language: language.language,
    languageConfidence: language.confidence,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
