/**
 * TF-IDF over the feature groups of featurize.ts: sublinear term frequency (a repeated word is not twice
 * the evidence), smoothed idf, a weight per group, unit length. Unknown features at query time are
 * dropped: the models know nothing about them anyway.
 */
import { fromEntries, normalizeL2, type SparseVector } from '../model/sparse.ts';

export type GroupWeights = Record<string, number>;

export class Vectorizer {
  private constructor(
    private readonly vocabulary: Map<string, number>,
    private readonly weights: Float32Array,
  ) {}

  /** Learns the vocabulary and idf of `docs` (feature counts). */
  static fit(docs: ReadonlyArray<Map<string, number>>, groupWeights: GroupWeights): Vectorizer {
    const vocabulary = new Map<string, number>();
    const df: number[] = [];
    for (const doc of docs) {
      for (const key of doc.keys()) {
        let id = vocabulary.get(key);
        if (id === undefined) {
          id = df.length;
          vocabulary.set(key, id);
          df.push(0);
        }
        df[id] = df[id]! + 1;
      }
    }
    const weights = new Float32Array(df.length);
    const n = docs.length;
    for (const [key, id] of vocabulary) {
      const group = groupWeights[key[0]!] ?? 1;
      weights[id] = group * (Math.log((1 + n) / (1 + df[id]!)) + 1);
    }
    return new Vectorizer(vocabulary, weights);
  }

  get size(): number {
    return this.weights.length;
  }

  transform(doc: Map<string, number>): SparseVector {
    const entries: Array<[number, number]> = [];
    for (const [key, count] of doc) {
      const id = this.vocabulary.get(key);
      if (id !== undefined) entries.push([id, (1 + Math.log(count)) * this.weights[id]!]);
    }
    return normalizeL2(fromEntries(entries));
  }
}
