/**
 * The helper thread's program for a large index build (classifier.ts starts it through helper-thread.ts):
 * the scorer's fold and the embedding model, computed from the same texts and options as the caller's.
 */
import { IntentClassifier, type BuildInputs } from './classifier.ts';
import type { EmbeddingParts } from './embedding.ts';
import type { HelperOutput } from './helper-thread.ts';
import type { ScorerParts } from './scorer.ts';

export interface BuildHelperResult {
  scorer: ScorerParts;
  /** With the size of the vocabulary it was trained on (the caller checks its own matches). */
  embedding?: EmbeddingParts & { features: number };
}

export function runBuildHelperJob(inputs: BuildInputs): HelperOutput<BuildHelperResult> {
  const result = IntentClassifier.helperShare(inputs);
  const e = result.embedding;
  // Fresh arrays of this thread, never shared memory: moved, not copied.
  return { result, transfer: e ? [e.input.buffer as ArrayBuffer, e.output.buffer as ArrayBuffer, e.bias.buffer as ArrayBuffer] : [] };
}
