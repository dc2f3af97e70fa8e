/** Runs an engine over labelled queries, timing each search. Shared by the eval and bench CLIs. */
import type { LabelledExample } from '../engine/dataset.ts';
import type { KnowledgeEngine } from '../engine/engine.ts';
import type { Answer } from './metrics.ts';

export interface Run {
  answers: Answer[];
  /** Per-query latency in milliseconds, ascending. */
  latencies: number[];
  /** Per-query CPU time of this process in milliseconds, ascending (robust to other load on the machine). */
  cpuLatencies: number[];
}

export function runQueries(engine: KnowledgeEngine, queries: ReadonlyArray<LabelledExample>): Run {
  const answers: Answer[] = [];
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = engine.search(q.text, { limit: 3 });
    latencies.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuLatencies.push((used.user + used.system) / 1000);
    answers.push({
      label: q.label,
      top: result.hits.map((h) => engine.article(h.articleKey)?.id ?? h.articleKey),
      confidence: result.hits[0]?.confidence ?? 0,
    });
  }
  latencies.sort((a, b) => a - b);
  cpuLatencies.sort((a, b) => a - b);
  return { answers, latencies, cpuLatencies };
}
