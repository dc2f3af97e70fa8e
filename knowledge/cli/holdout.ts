/**
 * Out-of-scope simulation for datasets without out-of-scope queries: every n-th label (in order of first
 * appearance in train) becomes `oos`, so its train lines leave the knowledge base and its test lines
 * become questions the engine should refuse.
 */
import { OUT_OF_SCOPE, type LabelledExample } from '../engine/dataset.ts';

export function heldOutLabels(train: ReadonlyArray<LabelledExample>, every: number): Set<string> {
  return everyNth(train.map((e) => e.label), every);
}

/** Every n-th distinct label of `labels` (in order of first appearance), `oos` aside. */
export function everyNth(labels: Iterable<string>, every: number): Set<string> {
  const distinct = [...new Set(labels)].filter((l) => l !== OUT_OF_SCOPE);
  return new Set(distinct.filter((_, i) => (i + 1) % every === 0));
}

export function markOutOfScope(examples: ReadonlyArray<LabelledExample>, held: Set<string>): LabelledExample[] {
  return examples.map((e) => (held.has(e.label) ? { ...e, label: OUT_OF_SCOPE } : e));
}
