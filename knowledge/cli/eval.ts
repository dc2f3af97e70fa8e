/**
 * `npm run eval -- (--train FILE... and/or --kb DIR) --test FILE [--valid FILE] [--json] [--holdout-every N]
 * [--max-train N]`: prints what evaluate.ts measures, as a table or one JSON object.
 *
 * @example
 * npm run eval -- --kb knowledge/articles --test knowledge/eval/starter-heldout.jsonl
 */
import { parseEvalArgs } from './args.ts';
import { evaluate, type EvalReport } from './evaluate.ts';
import type { Metrics } from './metrics.ts';

function main(): void {
  const args = parseEvalArgs(process.argv.slice(2));
  const report = evaluate(args, (line) => console.error(line));
  if (args.json) console.log(JSON.stringify(report));
  else printTable(report, report, report.tuned);
}

function printTable(report: EvalReport, atDefault: Metrics, tuned: Metrics | null): void {
  const pct = (x: number | null): string => (x === null ? '   n/a' : `${(x * 100).toFixed(2).padStart(6)}%`);
  const row = (name: string, m: Metrics): string =>
    `${name.padEnd(18)} t=${m.threshold.toFixed(3)}  in-scope ${pct(m.inScopeAccuracy)}  top-3 ${pct(m.top3Accuracy)}  ` +
    `oos recall ${pct(m.oosRecall)}  oos precision ${pct(m.oosPrecision)}`;
  console.log(`queries ${report.n}, articles ${report.articles}, example questions ${report.examples}, training texts ${report.trainingTexts}`);
  console.log(`raw top-1 accuracy (no threshold) ${pct(report.rawTop1Accuracy)}`);
  console.log(row('default threshold', atDefault));
  if (tuned) console.log(row('tuned on --valid', tuned));
  console.log(`build ${report.buildMs} ms on ${report.buildThreads} thread(s), latency p50 ${report.p50Ms} ms p99 ${report.p99Ms} ms, rss ${report.rssMb} MB`);
  console.log(`cpu: build ${report.buildCpuMs} ms (all threads), latency p50 ${report.p50CpuMs} ms p99 ${report.p99CpuMs} ms`);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
