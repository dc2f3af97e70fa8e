/**
 * Turning classifier output into a confidence per article, and the default decision rules.
 *
 * The best article's confidence is the classifier's estimate that it is the right answer: on bases of 10+
 * articles an answerability scorer fitted during the build on held-out articles of the base itself
 * (model/scorer.ts; held-out AUROC of "answerable and right" vs the rest 89.5 on BANKING77 train, 91.7 on
 * HWU64 train, against 86.5 / 89.6 for the mixture probability x coverage x similarity it replaced); on
 * tinier bases the mixture probability x coverage x similarity gate, self-calibrated (model/calibrate.ts).
 * Other articles get the same scaled by their probability relative to the best, so the ranking and the
 * ambiguity ratio are the mixture's. The threshold 0.5 reads "more likely right than not"; the
 * out-of-scope weight of the scorer was chosen on held-out labels of the train splits, never test files.
 */
import type { Prediction } from './model/classifier.ts';

export interface ConfidenceOptions {
  /** Minimum confidence for the bot to answer without asking. */
  threshold: number;
  /** Second-best within this ratio of the best means "ask which one". */
  ambiguityRatio: number;
}

export const DEFAULT_CONFIDENCE_OPTIONS: ConfidenceOptions = {
  threshold: 0.5,
  ambiguityRatio: 0.6,
};

/** Confidence in [0, 1] that class `c` answers the question behind `prediction`. */
export function classConfidence(prediction: Prediction, c: number): number {
  return (prediction.probs[c] ?? 0) * prediction.factor;
}

/** The two best confidences are too close to pick one without asking. */
export function isAmbiguous(best: number, second: number, options: ConfidenceOptions): boolean {
  return best > 0 && second >= options.ambiguityRatio * best && second >= options.threshold * 0.5;
}
