/**
 * Turning classifier output into a calibrated confidence per article, and the default decision rules.
 *
 * The mixture probability alone says "which article, relative to the others"; a question about something
 * the knowledge base never covers still gets a confident-looking winner among the wrong articles. So the
 * confidence also asks "does this question resemble any example of that article at all": the best cosine
 * similarity to one of its examples, mapped through a logistic gate. Both parts are scale-free (a
 * probability and a cosine), which is why one default threshold carries over to knowledge bases nobody
 * tuned; the constants were chosen on held-out labels of the training splits, not on test files.
 */
import type { Prediction } from './model/classifier.ts';

export interface ConfidenceOptions {
  /** Similarity at which the gate is half open. */
  similarityMidpoint: number;
  /** Width of the gate's transition. */
  similaritySlope: number;
  /** Minimum confidence for the bot to answer without asking. */
  threshold: number;
  /** Second-best within this ratio of the best means "ask which one". */
  ambiguityRatio: number;
}

export const DEFAULT_CONFIDENCE_OPTIONS: ConfidenceOptions = {
  similarityMidpoint: 0.3,
  similaritySlope: 0.06,
  threshold: 0.5,
  ambiguityRatio: 0.6,
};

/** Confidence in [0, 1] that class `c` answers the question behind `prediction`. */
export function classConfidence(prediction: Prediction, c: number, options: ConfidenceOptions): number {
  const p = prediction.probs[c] ?? 0;
  const sim = prediction.similarity[c] ?? 0;
  const gate = 1 / (1 + Math.exp(-(sim - options.similarityMidpoint) / options.similaritySlope));
  return Math.sqrt(p * gate);
}

/** The two best confidences are too close to pick one without asking. */
export function isAmbiguous(best: number, second: number, options: ConfidenceOptions): boolean {
  return best > 0 && second >= options.ambiguityRatio * best && second >= options.threshold * 0.5;
}
