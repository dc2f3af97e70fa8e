/**
 * `npm run bench:knowledge [-- --dataset DIR]`: the engine, natural's BayesClassifier and MiniSearch on
 * the same train/test split, accuracy and latency side by side. Defaults to BANKING77 in the shared
 * datasets folder next to the repository.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { articlesFromLabelled } from '../engine/dataset.ts';
import { buildKnowledgeEngine } from '../engine/engine.ts';
import { indexMiniSearch, trainBayes, type Baseline } from './baselines.ts';
import { readLabelled } from './jsonl.ts';
import { percentile } from './metrics.ts';

interface Row {
  name: string;
  buildMs: number;
  accuracy: number;
  p50Ms: number;
  p99Ms: number;
}

function measure(name: string, build: () => Baseline, test: ReturnType<typeof readLabelled>): Row {
  const started = performance.now();
  const model = build();
  const buildMs = performance.now() - started;
  const latencies: number[] = [];
  let right = 0;
  for (const q of test) {
    const t = performance.now();
    const label = model.predict(q.text);
    latencies.push(performance.now() - t);
    if (label === q.label) right += 1;
  }
  latencies.sort((a, b) => a - b);
  return { name, buildMs, accuracy: right / test.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

function main(): void {
  const { values } = parseArgs({ options: { dataset: { type: 'string' } } });
  const dir = values.dataset ?? resolve(import.meta.dirname, '../../../shared/datasets/banking77');
  const train = readLabelled(`${dir}/train.jsonl`);
  const test = readLabelled(`${dir}/test.jsonl`);
  console.log(`${dir}: ${train.length} train, ${test.length} test`);
  const engine = (): Baseline => {
    const kb = buildKnowledgeEngine(articlesFromLabelled(train));
    return { name: 'engine', predict: (text) => kb.article(kb.search(text, { limit: 1 }).hits[0]?.articleKey ?? '')?.id };
  };
  const rows = [measure('frontline engine', engine, test), measure('natural BayesClassifier', () => trainBayes(train), test),
    measure('MiniSearch (fuzzy, top hit)', () => indexMiniSearch(train), test)];
  console.log(`${'model'.padEnd(30)} ${'top-1'.padStart(7)} ${'build ms'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(30)} ${(r.accuracy * 100).toFixed(2).padStart(6)}% ${r.buildMs.toFixed(0).padStart(9)} ` +
        `${r.p50Ms.toFixed(3).padStart(8)} ${r.p99Ms.toFixed(3).padStart(8)}`,
    );
  }
}

main();
