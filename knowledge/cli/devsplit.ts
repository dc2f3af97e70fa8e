/** The development split of tune.ts and experiment.ts: every fifth example question of a label is a query. */
import type { LabelledExample } from '../engine/dataset.ts';

export function devSplit(rows: ReadonlyArray<LabelledExample>): { train: LabelledExample[]; dev: LabelledExample[] } {
  const seen = new Map<string, number>();
  const train: LabelledExample[] = [];
  const dev: LabelledExample[] = [];
  for (const r of rows) {
    const k = seen.get(r.label) ?? 0;
    seen.set(r.label, k + 1);
    (k % 5 === 4 ? dev : train).push(r);
  }
  return { train, dev };
}
