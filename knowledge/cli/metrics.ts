/**
 * Scoring the engine's answers. At threshold t an in-scope query counts as right only when the best hit
 * clears t and is the right article (a refusal of an answerable question is a miss), the usual
 * definition for intent detection with out-of-scope queries (CLINC150).
 */
import { OUT_OF_SCOPE } from '../engine/dataset.ts';

export interface Answer {
  label: string;
  /** Labels of the top hits, best first (up to 3). */
  top: string[];
  /** Confidence of the best hit (0 when there is none). */
  confidence: number;
}

export interface Metrics {
  inScopeAccuracy: number;
  top3Accuracy: number;
  /** null when the test set has no out-of-scope queries. */
  oosRecall: number | null;
  /** null when nothing was refused. */
  oosPrecision: number | null;
  threshold: number;
}

export function metricsAt(answers: ReadonlyArray<Answer>, threshold: number): Metrics {
  let inScope = 0;
  let top1 = 0;
  let top3 = 0;
  let oos = 0;
  let oosRefused = 0;
  let refused = 0;
  for (const a of answers) {
    const answered = a.top.length > 0 && a.confidence >= threshold;
    if (!answered) refused += 1;
    if (a.label === OUT_OF_SCOPE) {
      oos += 1;
      if (!answered) oosRefused += 1;
      continue;
    }
    inScope += 1;
    if (answered && a.top[0] === a.label) top1 += 1;
    if (answered && a.top.slice(0, 3).includes(a.label)) top3 += 1;
  }
  return {
    inScopeAccuracy: ratio(top1, inScope) ?? 0,
    top3Accuracy: ratio(top3, inScope) ?? 0,
    oosRecall: ratio(oosRefused, oos),
    oosPrecision: ratio(oosRefused, refused),
    threshold,
  };
}

/** Plain top-1 accuracy over in-scope queries, ignoring the threshold. */
export function rawAccuracy(answers: ReadonlyArray<Answer>): number {
  const inScope = answers.filter((a) => a.label !== OUT_OF_SCOPE);
  return ratio(inScope.filter((a) => a.top[0] === a.label).length, inScope.length) ?? 0;
}

/**
 * The threshold that maximises accuracy over all validation queries, counting a refused out-of-scope
 * query as right. Candidates are the observed confidences, so the search is exact.
 */
export function chooseThreshold(answers: ReadonlyArray<Answer>): number {
  const candidates = [0, ...new Set(answers.map((a) => a.confidence))].sort((x, y) => x - y);
  let best = 0;
  let bestScore = -1;
  for (const t of candidates) {
    let right = 0;
    for (const a of answers) {
      const answered = a.top.length > 0 && a.confidence >= t;
      if (a.label === OUT_OF_SCOPE ? !answered : answered && a.top[0] === a.label) right += 1;
    }
    if (right > bestScore) [best, bestScore] = [t, right];
  }
  return best;
}

export function percentile(sorted: ReadonlyArray<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
