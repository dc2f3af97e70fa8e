/**
 * `npx tsx knowledge/cli/experiment.ts [--options JSON] FILE...`: component-level model selection on TRAIN
 * files only (same development split as tune.ts: every fifth example question of a label is a query).
 * Trains the linear model, nearest neighbours and the embedding model once each and reports development
 * top-1 of each alone and of mixtures over a grid of shares, so ensemble weights are chosen without
 * rebuilding the whole engine per setting. Test files are never read.
 */
import { parseArgs } from 'node:util';
import { analyze } from '../engine/analysis/analyze.ts';
import { featureHashes, type FeatureGroup } from '../engine/features/featurize.ts';
import { Vectorizer } from '../engine/features/vectorizer.ts';
import { DEFAULT_EMBEDDING_OPTIONS, trainEmbedding, type EmbeddingOptions } from '../engine/model/embedding.ts';
import { DEFAULT_LINEAR_OPTIONS, softmaxInPlace, trainLinear, type LinearOptions } from '../engine/model/linear.ts';
import { NeighbourIndex } from '../engine/model/neighbours.ts';
import type { SparseVector } from '../engine/model/sparse.ts';
import { readLabelled } from './jsonl.ts';
import { devSplit } from './devsplit.ts';

interface Options {
  embedding: EmbeddingOptions;
  embeddingGroups: FeatureGroup[];
  /** Embedding input weights: TF-IDF values, or 1 per distinct feature. */
  uniform: boolean;
  linearTemperature: number;
  embeddingTemperature: number;
  linear: LinearOptions;
  /** Embedding models with different seeds, logits averaged. */
  bag: number;
}

function cpu(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

function vectors(texts: string[], groups: FeatureGroup[]): (v?: Vectorizer) => { vectorizer: Vectorizer; xs: SparseVector[] } {
  const docs = texts.map((t) => featureHashes(analyze(t), groups));
  return (given) => {
    const vectorizer = given ?? Vectorizer.fit(docs);
    return { vectorizer, xs: docs.map((d) => vectorizer.transform(d)) };
  };
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { options: { type: 'string' } }, allowPositionals: true });
  const given = (values.options ? JSON.parse(values.options) : {}) as Partial<Options>;
  const o: Options = {
    embedding: { ...DEFAULT_EMBEDDING_OPTIONS, ...given.embedding },
    embeddingGroups: given.embeddingGroups ?? ['w', 'b'],
    uniform: given.uniform ?? false,
    linearTemperature: given.linearTemperature ?? 0.2,
    embeddingTemperature: given.embeddingTemperature ?? 1,
    linear: { ...DEFAULT_LINEAR_OPTIONS, ...given.linear },
    bag: given.bag ?? 1,
  };
  for (const file of positionals) {
    const { train, dev } = devSplit(readLabelled(file));
    const names = [...new Set(train.map((r) => r.label))];
    const id = new Map(names.map((l, i) => [l, i]));
    const classes = names.length;
    const ys = train.map((r) => id.get(r.label)!);
    const dy = dev.map((r) => id.get(r.label)!);
    const lin = vectors(train.map((r) => r.text), ['w', 'b', 'c']);
    const linDev = vectors(dev.map((r) => r.text), ['w', 'b', 'c']);
    const { vectorizer, xs } = lin();
    const dxs = linDev(vectorizer).xs;
    let linear!: ReturnType<typeof trainLinear>;
    const linMs = cpu(() => (linear = trainLinear(xs, ys, classes, vectorizer.size, o.linear)));
    const knn = new NeighbourIndex(xs, ys, vectorizer.size, classes);
    const emb = vectors(train.map((r) => r.text), o.embeddingGroups)();
    const uni = (x: SparseVector): SparseVector => (o.uniform ? { idx: x.idx, val: x.val.map(() => 1) } : x);
    const exs = emb.xs.map(uni);
    const edxs = vectors(dev.map((r) => r.text), o.embeddingGroups)(emb.vectorizer).xs.map(uni);
    let models!: ReturnType<typeof trainEmbedding>[];
    const embMs = cpu(() => (models = Array.from({ length: o.bag }, (_, b) => trainEmbedding(exs, ys, classes, emb.vectorizer.size, { ...o.embedding, seed: o.embedding.seed + b }))));
    const model = { scores: (x: SparseVector): Float64Array => {
      const out = new Float64Array(classes);
      for (const m of models) { const s = m.scores(x); for (let j = 0; j < classes; j += 1) out[j] = out[j]! + s[j]! / models.length; }
      return out;
    } };
    const raw = dxs.map((x, i) => ({ lin: linear.scores(x), knn: Float64Array.from(knn.classSimilarity(x)), emb: model.scores(edxs[i]!) }));
    let parts = raw.map((r) => ({
      lin: softmaxInPlace(Float64Array.from(r.lin), o.linearTemperature),
      knn: softmaxInPlace(Float64Array.from(r.knn), 0.05),
      emb: softmaxInPlace(Float64Array.from(r.emb), o.embeddingTemperature),
    }));
    const acc = (wl: number, wk: number, we: number): number => {
      let right = 0;
      parts.forEach((p, i) => {
        let best = 0;
        let bestP = -1;
        for (let j = 0; j < classes; j += 1) {
          const s = wl * p.lin[j]! + wk * p.knn[j]! + we * p.emb[j]!;
          if (s > bestP) [best, bestP] = [j, s];
        }
        if (best === dy[i]) right += 1;
      });
      return (100 * right) / parts.length;
    };
    const name = file.split('/').slice(-2).join('/');
    console.log(`${name}: linear ${linMs.toFixed(0)} ms, embedding ${embMs.toFixed(0)} ms (${emb.vectorizer.size} features) ${JSON.stringify(o)}`);
    console.log(`  linear ${acc(1, 0, 0).toFixed(2)} knn ${acc(0, 1, 0).toFixed(2)} emb ${acc(0, 0, 1).toFixed(2)} current(0.85/0.15) ${acc(0.85, 0.15, 0).toFixed(2)}`);
    const rows: string[] = [];
    for (const we of [0.2, 0.3, 0.4, 0.5, 0.6]) {
      for (const wk of [0, 0.1, 0.15, 0.2]) rows.push(`e${we}k${wk} ${acc(1 - we - wk, wk, we).toFixed(2)}`);
    }
    console.log(`  ${rows.join(' | ')}`);
    const temps: string[] = [];
    for (const lt of [0.1, 0.15, 0.2, 0.3]) {
      for (const et of [0.5, 1, 2]) {
        parts = raw.map((r) => ({
          lin: softmaxInPlace(Float64Array.from(r.lin), lt),
          knn: softmaxInPlace(Float64Array.from(r.knn), 0.05),
          emb: softmaxInPlace(Float64Array.from(r.emb), et),
        }));
        temps.push(`lt${lt}et${et} ${acc(0.45, 0.15, 0.4).toFixed(2)}/${acc(0.35, 0.15, 0.5).toFixed(2)}/${acc(0.55, 0.15, 0.3).toFixed(2)}`);
      }
    }
    console.log(`  (e0.4/0.5/0.3, k0.15) ${temps.join(' | ')}`);
  }
}

main();
