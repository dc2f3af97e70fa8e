/**
 * One run of `npm run eval` (eval.ts is the command): builds the engine from the train file(s) (lines
 * sharing a label form one article) and/or a knowledge-base directory of Markdown articles (test labels are
 * then article ids), answers every test query, and reports accuracy, out-of-scope detection, build time,
 * latency and memory. With --valid, also the test figures at the threshold that is best on the validation
 * file.
 */
import { buildKnowledgeEngine } from '../engine/engine.ts';
import { articlesFromLabelled, OUT_OF_SCOPE, type LabelledExample } from '../engine/dataset.ts';
import { seededRandom, shuffle } from '../engine/model/random.ts';
import { formatArticleError, loadArticles } from '../loader/index.ts';
import type { Article } from '../types.ts';
import type { EvalArgs } from './args.ts';
import { everyNth, markOutOfScope } from './holdout.ts';
import { readLabelled } from './jsonl.ts';
import { chooseThreshold, metricsAt, percentile, rawAccuracy, type Metrics } from './metrics.ts';
import { runQueries } from './run.ts';

export interface EvalReport extends Metrics {
  tuned: Metrics | null;
  rawTop1Accuracy: number;
  buildMs: number;
  buildThreads: number;
  p50Ms: number;
  p99Ms: number;
  buildCpuMs: number;
  p50CpuMs: number;
  p99CpuMs: number;
  rssMb: number;
  n: number;
  articles: number;
  /** Example questions of the knowledge base. */
  examples: number;
  /** Everything the engine learnt from: examples, titles, tags and body passages. */
  trainingTexts: number;
}

/** Runs one evaluation; `warn` gets one line per knowledge-base file that could not be loaded. */
export function evaluate(args: EvalArgs, warn: (line: string) => void = () => {}): EvalReport {
  let train: LabelledExample[] = args.train.flatMap(readLabelled);
  if (args.maxTrain > 0 && train.length > args.maxTrain) train = shuffle(train, seededRandom(1)).slice(0, args.maxTrain);
  let kbArticles: Article[] = [];
  if (args.kb) {
    const loaded = loadArticles(args.kb);
    for (const error of loaded.errors) warn(formatArticleError(error));
    if (loaded.articles.length === 0) throw new Error(`${args.kb}: no articles could be loaded`);
    kbArticles = loaded.articles;
  }
  let test = readLabelled(args.test);
  let valid = args.valid ? readLabelled(args.valid) : undefined;
  if (args.holdoutEvery > 0) {
    // Both translations of an article share its id, so they leave the base together.
    const held = everyNth([...kbArticles.map((a) => a.id), ...train.map((e) => e.label)], args.holdoutEvery);
    kbArticles = kbArticles.filter((a) => !held.has(a.id));
    [train, test] = [markOutOfScope(train, held), markOutOfScope(test, held)];
    valid = valid && markOutOfScope(valid, held);
  }

  const articles = [...kbArticles, ...articlesFromLabelled(train)];
  warnUnknownLabels(articles, [...test, ...(valid ?? [])], warn);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const engine = buildKnowledgeEngine(articles);
  const buildMs = performance.now() - started;
  const buildCpu = process.cpuUsage(cpu);
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  const { answers, latencies, cpuLatencies } = runQueries(engine, test);
  const atDefault = metricsAt(answers, engine.threshold);
  const tuned = valid ? metricsAt(answers, chooseThreshold(runQueries(engine, valid).answers)) : null;
  return {
    ...atDefault,
    tuned,
    rawTop1Accuracy: rawAccuracy(answers),
    buildMs: round(buildMs, 1),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    // CPU time of all this process's threads (a large base builds on two: buildThreads); wall time above
    // also counts other load on the machine.
    buildCpuMs: round((buildCpu.user + buildCpu.system) / 1000, 1),
    buildThreads: engine.stats.buildThreads,
    p50CpuMs: round(percentile(cpuLatencies, 50), 3),
    p99CpuMs: round(percentile(cpuLatencies, 99), 3),
    rssMb: round(rssMb, 1),
    n: test.length,
    articles: articles.length,
    examples: engine.stats.examples,
    trainingTexts: engine.stats.trainingTexts,
  };
}

/** A query labelled with no article id (a typo, an article key instead of its id) can only count as a miss. */
function warnUnknownLabels(articles: ReadonlyArray<Article>, queries: ReadonlyArray<LabelledExample>, warn: (line: string) => void): void {
  const ids = new Set(articles.map((a) => a.id));
  const unknown = new Map<string, number>();
  for (const q of queries) if (q.label !== OUT_OF_SCOPE && !ids.has(q.label)) unknown.set(q.label, (unknown.get(q.label) ?? 0) + 1);
  if (unknown.size === 0) return;
  const total = [...unknown.values()].reduce((a, b) => a + b, 0);
  const shown = [...unknown.keys()].slice(0, 5).map((l) => JSON.stringify(l)).join(', ');
  warn(`${total} queries have labels no article has, counted as misses: ${shown}${unknown.size > 5 ? ', ...' : ''}`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
