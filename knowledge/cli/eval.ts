/**
 * `npm run eval -- --train FILE --test FILE [--valid FILE] [--json] [--holdout-every N] [--max-train N]`
 *
 * Builds the engine from the train file(s) (lines sharing a label form one article), answers every test
 * query, and reports accuracy, out-of-scope detection, build time, latency and memory. With --valid, also
 * reports the test figures at the threshold that is best on the validation file.
 */
import { buildKnowledgeEngine } from '../engine/engine.ts';
import { articlesFromLabelled, type LabelledExample } from '../engine/dataset.ts';
import { seededRandom, shuffle } from '../engine/model/random.ts';
import { parseEvalArgs } from './args.ts';
import { heldOutLabels, markOutOfScope } from './holdout.ts';
import { readLabelled } from './jsonl.ts';
import { chooseThreshold, metricsAt, percentile, rawAccuracy, type Metrics } from './metrics.ts';
import { runQueries } from './run.ts';

function main(): void {
  const args = parseEvalArgs(process.argv.slice(2));
  let train: LabelledExample[] = args.train.flatMap(readLabelled);
  if (args.maxTrain > 0 && train.length > args.maxTrain) train = shuffle(train, seededRandom(1)).slice(0, args.maxTrain);
  let test = readLabelled(args.test);
  let valid = args.valid ? readLabelled(args.valid) : undefined;
  if (args.holdoutEvery > 0) {
    const held = heldOutLabels(train, args.holdoutEvery);
    [train, test] = [markOutOfScope(train, held), markOutOfScope(test, held)];
    valid = valid && markOutOfScope(valid, held);
  }

  const articles = articlesFromLabelled(train);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const engine = buildKnowledgeEngine(articles);
  const buildMs = performance.now() - started;
  const buildCpu = process.cpuUsage(cpu);
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  const { answers, latencies, cpuLatencies } = runQueries(engine, test);
  const atDefault = metricsAt(answers, engine.threshold);
  const tuned = valid ? metricsAt(answers, chooseThreshold(runQueries(engine, valid).answers)) : null;
  const report = {
    ...atDefault,
    tuned,
    rawTop1Accuracy: rawAccuracy(answers),
    buildMs: round(buildMs, 1),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    // CPU time of this process (wall time above also counts other load on the machine).
    buildCpuMs: round((buildCpu.user + buildCpu.system) / 1000, 1),
    p50CpuMs: round(percentile(cpuLatencies, 50), 3),
    p99CpuMs: round(percentile(cpuLatencies, 99), 3),
    rssMb: round(rssMb, 1),
    n: test.length,
    articles: articles.length,
    examples: engine.stats.examples,
  };
  if (args.json) console.log(JSON.stringify(report));
  else printTable(report, atDefault, tuned);
}

function printTable(report: { [k: string]: unknown }, atDefault: Metrics, tuned: Metrics | null): void {
  const pct = (x: number | null): string => (x === null ? '   n/a' : `${(x * 100).toFixed(2).padStart(6)}%`);
  const row = (name: string, m: Metrics): string =>
    `${name.padEnd(18)} t=${m.threshold.toFixed(3)}  in-scope ${pct(m.inScopeAccuracy)}  top-3 ${pct(m.top3Accuracy)}  ` +
    `oos recall ${pct(m.oosRecall)}  oos precision ${pct(m.oosPrecision)}`;
  console.log(`queries ${report.n}, articles ${report.articles}, example questions ${report.examples}`);
  console.log(`raw top-1 accuracy (no threshold) ${pct(report.rawTop1Accuracy as number)}`);
  console.log(row('default threshold', atDefault));
  if (tuned) console.log(row('tuned on --valid', tuned));
  console.log(`build ${report.buildMs} ms, latency p50 ${report.p50Ms} ms p99 ${report.p99Ms} ms, rss ${report.rssMb} MB`);
  console.log(`cpu: build ${report.buildCpuMs} ms, latency p50 ${report.p50CpuMs} ms p99 ${report.p99CpuMs} ms`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
