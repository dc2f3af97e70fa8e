/**
 * The engine's hot loops against plain reference computations: each kernel was rewritten for speed
 * (open-addressing ids, class-blocked scoring, flat postings), and must give the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../knowledge/engine/features/id-table.ts';
import { Vectorizer } from '../../knowledge/engine/features/vectorizer.ts';
import { EmbeddingModel } from '../../knowledge/engine/model/embedding.ts';
import { LinearModel } from '../../knowledge/engine/model/linear.ts';
import { NeighbourIndex } from '../../knowledge/engine/model/neighbours.ts';
import { seededRandom } from '../../knowledge/engine/model/random.ts';
import type { SparseVector } from '../../knowledge/engine/model/sparse.ts';

const random = seededRandom(42);
const int = (n: number): number => Math.floor(random() * n);

function sparse(features: number, nnz: number): SparseVector {
  const idx = Int32Array.from(new Set(Array.from({ length: nnz }, () => int(features)))).sort();
  const val = Float32Array.from(idx, () => random() * 2 - 1);
  return { idx, val };
}

describe('IdTable', () => {
  it('returns every stored id, -1 for absent keys, across growth', () => {
    const table = new IdTable(4);
    const keys = new Set<number>();
    while (keys.size < 20_000) keys.add(int(2 ** 30));
    // Keys that differ only in their high bits land on the same slot before mixing.
    for (let k = 0; k < 64; k += 1) keys.add(k << 24);
    const list = [...keys];
    list.forEach((key, id) => table.add(key, id));
    expect(table.size).toBe(list.length);
    list.forEach((key, id) => expect(table.get(key)).toBe(id));
    let absent = 0;
    for (let k = 0; k < 5_000; k += 1) {
      const key = int(2 ** 30);
      if (!keys.has(key)) {
        absent += 1;
        expect(table.get(key)).toBe(-1);
      }
    }
    expect(absent).toBeGreaterThan(4_000);
    expect(table.get(-1)).toBe(-1);
    expect(() => table.add(2 ** 31, 1)).toThrow(RangeError);
  });
});

describe('Vectorizer', () => {
  const docs = [
    [1, 2, 2, 3],
    [2, 3, 4],
    [5, 2],
  ];

  it('gives sorted unique ids with sublinear tf-idf at unit length, and drops unknown features', () => {
    const vectorizer = Vectorizer.fit(docs);
    expect(vectorizer.size).toBe(5);
    const x = vectorizer.transform([3, 2, 99, 2, 1]);
    expect([...x.idx]).toEqual([0, 1, 2]); // ids of 1, 2, 3 in order of first appearance
    const idf = (df: number): number => Math.log(4 / (1 + df)) + 1;
    const raw = [idf(1), (1 + Math.log(2)) * idf(3), idf(2)];
    const norm = Math.hypot(...raw);
    raw.forEach((v, k) => expect(x.val[k]).toBeCloseTo(v / norm, 6));
  });

  it('keeps only features in at least minDf documents, renumbered', () => {
    const vectorizer = Vectorizer.fit(docs, 2);
    expect(vectorizer.size).toBe(2); // 2 (3 docs) and 3 (2 docs)
    expect([...vectorizer.transform([1, 3, 4, 5]).idx]).toEqual([1]);
  });
});

describe('LinearModel scores', () => {
  it('equal the plain dot product for every class (class counts not a multiple of four too)', () => {
    for (const classes of [1, 7, 141]) {
      const features = 300;
      const weights = Float32Array.from({ length: features * classes }, () => random() - 0.5);
      const bias = Float32Array.from({ length: classes }, () => random() - 0.5);
      const model = new LinearModel(classes, weights, bias);
      for (let t = 0; t < 20; t += 1) {
        const x = sparse(features, 1 + int(60));
        const scores = model.scores(x);
        for (let j = 0; j < classes; j += 1) {
          let s = bias[j]!;
          for (let q = 0; q < x.idx.length; q += 1) s += x.val[q]! * weights[x.idx[q]! * classes + j]!;
          expect(scores[j]).toBe(s);
        }
      }
    }
  });
});

describe('EmbeddingModel scores', () => {
  it('equal the plain average embedding times the output layer', () => {
    for (const classes of [3, 13]) {
      const dim = 6;
      const features = 50;
      const input = Float32Array.from({ length: features * dim }, () => random() - 0.5);
      const output = Float64Array.from({ length: classes * dim }, () => random() - 0.5);
      const bias = Float64Array.from({ length: classes }, () => random() - 0.5);
      const model = new EmbeddingModel(classes, dim, input, output, bias);
      const signed = sparse(features, 8);
      const x = { idx: signed.idx, val: signed.val.map(Math.abs) }; // TF-IDF values: positive
      const h = new Float64Array(dim);
      let total = 0;
      x.idx.forEach((f, k) => {
        total += x.val[k]!;
        for (let d = 0; d < dim; d += 1) h[d] = h[d]! + x.val[k]! * input[f * dim + d]!;
      });
      const scores = model.scores(x);
      for (let j = 0; j < classes; j += 1) {
        let s = bias[j]!;
        for (let d = 0; d < dim; d += 1) s += output[j * dim + d]! * (h[d]! / total);
        expect(scores[j]).toBeCloseTo(s, 10);
      }
    }
  });
});

describe('NeighbourIndex', () => {
  it('gives each class its best dot product with the query, leaving out only over-common features', () => {
    const features = 400;
    const classes = 9;
    const docs = Array.from({ length: 300 }, () => sparse(features, 12));
    // Feature 0 in every document: over the postings cap (at least 200), so it never counts.
    const withCommon = docs.map((d) => (d.idx[0] === 0 ? d : { idx: Int32Array.from([0, ...d.idx]), val: Float32Array.from([0.5, ...d.val]) }));
    const labels = withCommon.map((_, i) => i % classes);
    const index = new NeighbourIndex(withCommon, labels, features, classes);
    for (let t = 0; t < 10; t += 1) {
      const q = sparse(features, 15);
      const best = new Float64Array(classes);
      withCommon.forEach((d, i) => {
        let s = 0;
        d.idx.forEach((f, k) => {
          const at = q.idx.indexOf(f);
          if (f !== 0 && at >= 0) s += q.val[at]! * d.val[k]!;
        });
        best[labels[i]!] = Math.max(best[labels[i]!]!, s);
      });
      const got = index.classSimilarity(q);
      for (let c = 0; c < classes; c += 1) expect(got[c]).toBeCloseTo(best[c]!, 5);
    }
  });
});
