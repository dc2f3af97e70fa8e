import { describe, expect, it } from 'vitest';
import { readLabelled } from '../../knowledge/cli/jsonl.ts';
import { metricsAt } from '../../knowledge/cli/metrics.ts';
import { runQueries } from '../../knowledge/cli/run.ts';
import { articlesFromLabelled } from '../../knowledge/engine/dataset.ts';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { heldOutLabels, markOutOfScope } from '../../knowledge/cli/holdout.ts';
import { datasetDir } from './datasets.ts';

const dir = datasetDir('banking77');
if (!dir) console.warn('skipping BANKING77 slice test: ../shared/datasets/banking77 not found next to the repo');

// 25 of the 77 labels keep the file fast; the full run is `npm run eval` (about 91% top-1).
describe.skipIf(!dir)('BANKING77 slice', () => {
  const train = dir ? readLabelled(`${dir}/train.jsonl`) : [];
  const test = dir ? readLabelled(`${dir}/test.jsonl`) : [];
  const labels = new Set([...new Set(train.map((e) => e.label))].slice(0, 25));
  const sliceTrain = train.filter((e) => labels.has(e.label));
  const sliceTest = test.filter((e) => labels.has(e.label));

  it('ranks the right article first for most test queries', () => {
    const engine = buildKnowledgeEngine(articlesFromLabelled(sliceTrain));
    const m = metricsAt(runQueries(engine, sliceTest).answers, 0);
    expect(m.inScopeAccuracy).toBeGreaterThan(0.9);
    expect(m.top3Accuracy).toBeGreaterThan(0.96);
  });

  it('refuses unseen labels on a larger base too, with the right answers still above the threshold', () => {
    // 35 labels, ~4,500 example questions.
    const big = new Set([...new Set(train.map((e) => e.label))].slice(0, 35));
    const bigTrain = train.filter((e) => big.has(e.label));
    const held = heldOutLabels(bigTrain, 5);
    const engine = buildKnowledgeEngine(articlesFromLabelled(markOutOfScope(bigTrain, held)));
    expect(engine.stats.examples).toBeGreaterThan(3000);
    const bigTest = markOutOfScope(test.filter((e) => big.has(e.label)), held);
    const m = metricsAt(runQueries(engine, bigTest).answers, engine.threshold);
    expect(m.oosRecall).toBeGreaterThan(0.5);
    expect(m.inScopeAccuracy).toBeGreaterThan(0.8);
  });

  it('refuses many questions about labels it never saw, at the default threshold', () => {
    const held = heldOutLabels(sliceTrain, 5);
    const engine = buildKnowledgeEngine(articlesFromLabelled(markOutOfScope(sliceTrain, held)));
    const m = metricsAt(runQueries(engine, markOutOfScope(sliceTest, held)).answers, engine.threshold);
    expect(m.oosRecall).toBeGreaterThan(0.4);
    expect(m.inScopeAccuracy).toBeGreaterThan(0.75);
  });
});
