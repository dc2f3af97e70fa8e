/**
 * `npx tsx knowledge/cli/tune.ts [--options JSON] FILE...`: model selection on TRAIN files only.
 *
 * Each train file is split by label: every fifth example question of a label becomes a development query,
 * the rest the knowledge base. Reports development top-1 and in-scope accuracy at the default threshold,
 * then the same with every fifth label held out (its development queries count as out-of-scope), and
 * the build CPU time. Test files are never read, so nothing is tuned on them.
 */
import { parseArgs } from 'node:util';
import { articlesFromLabelled, OUT_OF_SCOPE } from '../engine/dataset.ts';
import { buildKnowledgeEngine, type EngineOptions } from '../engine/engine.ts';
import { heldOutLabels, markOutOfScope } from './holdout.ts';
import { readLabelled } from './jsonl.ts';
import { metricsAt, rawAccuracy, type Answer } from './metrics.ts';
import { runQueries } from './run.ts';
import { devSplit } from './devsplit.ts';

/** AUROC of the best hit's confidence for "in scope and right" against the rest (threshold-free). */
function auroc(answers: ReadonlyArray<Answer>): number {
  const pos: number[] = [];
  const neg: number[] = [];
  for (const a of answers) (a.label !== OUT_OF_SCOPE && a.top[0] === a.label ? pos : neg).push(a.confidence);
  const all = [...pos.map((c) => [c, 1] as const), ...neg.map((c) => [c, 0] as const)].sort((x, y) => x[0] - y[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j += 1;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k += 1) if (all[k]![1] === 1) rankSum += rank;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / Math.max(1, pos.length * neg.length);
}

function cpuMs(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { options: { type: 'string' } }, allowPositionals: true });
  const options = (values.options ? JSON.parse(values.options) : {}) as EngineOptions;
  const pct = (x: number | null): string => (x === null ? 'n/a' : (x * 100).toFixed(2));
  for (const file of positionals) {
    const { train, dev } = devSplit(readLabelled(file));
    let engine!: ReturnType<typeof buildKnowledgeEngine>;
    const cpu = cpuMs(() => (engine = buildKnowledgeEngine(articlesFromLabelled(train), options)));
    const answers = runQueries(engine, dev).answers;
    const full = metricsAt(answers, engine.threshold);
    const held = heldOutLabels(train, 5);
    const hTrain = markOutOfScope(train, held);
    const hDev = markOutOfScope(dev, held);
    const hEngine = buildKnowledgeEngine(articlesFromLabelled(hTrain), options);
    const hAnswers = runQueries(hEngine, hDev).answers;
    const h = metricsAt(hAnswers, hEngine.threshold);
    console.log(
      `${file.split('/').slice(-2).join('/')}: top1 ${pct(rawAccuracy(answers))} inScope@t ${pct(full.inScopeAccuracy)} ` +
        `top3@t ${pct(full.top3Accuracy)} | holdout inScope@t ${pct(h.inScopeAccuracy)} (drop ${pct(full.inScopeAccuracy - h.inScopeAccuracy)}) ` +
        `oosR ${pct(h.oosRecall)} oosP ${pct(h.oosPrecision)} auroc ${pct(auroc(hAnswers))} | build cpu ${cpu.toFixed(0)} ms`,
    );
  }
}

main();
