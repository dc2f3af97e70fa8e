/**
 * TF-IDF over hashed features (featurize.ts): sublinear term frequency (a repeated word is not twice the
 * evidence), smoothed idf, unit length. Unknown features at query time are dropped: the models know
 * nothing about them anyway. Feature ids are dense (0..size-1) in order of first appearance.
 */
import type { SparseVector } from '../model/sparse.ts';
import { IdTable } from './id-table.ts';

/** Ids of one text's known features, reused by every transform (they run one at a time). */
let scratch = new Int32Array(256);

export class Vectorizer {
  private constructor(
    private readonly vocabulary: IdTable,
    private readonly idf: Float32Array,
  ) {}

  /** Learns the vocabulary and idf of `docs` (feature hashes with repeats). */
  static fit(docs: ReadonlyArray<ArrayLike<number>>, minDf = 1): Vectorizer {
    const vocabulary = new IdTable();
    const df: number[] = [];
    const lastDoc: number[] = [];
    const keys: number[] = []; // hash of each id
    docs.forEach((doc, d) => {
      for (let k = 0; k < doc.length; k += 1) {
        const h = doc[k]!;
        let id = vocabulary.get(h);
        if (id < 0) {
          id = df.length;
          vocabulary.add(h, id);
          keys.push(h);
          df.push(0);
          lastDoc.push(-1);
        }
        if (lastDoc[id] !== d) {
          lastDoc[id] = d;
          df[id] = df[id]! + 1;
        }
      }
    });
    const n = docs.length;
    if (minDf <= 1) return new Vectorizer(vocabulary, Float32Array.from(df, (f) => Math.log((1 + n) / (1 + f)) + 1));
    // Renumber the features seen in at least minDf documents, in order of first appearance.
    const kept = new IdTable();
    const idf: number[] = [];
    keys.forEach((h, id) => {
      if (df[id]! < minDf) return;
      kept.add(h, idf.length);
      idf.push(Math.log((1 + n) / (1 + df[id]!)) + 1);
    });
    return new Vectorizer(kept, Float32Array.from(idf));
  }

  get size(): number {
    return this.idf.length;
  }

  transform(doc: ArrayLike<number>): SparseVector {
    if (scratch.length < doc.length) scratch = new Int32Array(doc.length * 2);
    let m = 0;
    for (let k = 0; k < doc.length; k += 1) {
      const id = this.vocabulary.get(doc[k]!);
      if (id >= 0) scratch[m++] = id;
    }
    const sorted = scratch.subarray(0, m).sort();
    let unique = 0;
    for (let k = 0; k < m; k += 1) if (k === 0 || sorted[k] !== sorted[k - 1]) unique += 1;
    const idx = new Int32Array(unique);
    const val = new Float32Array(unique);
    let at = -1;
    let norm = 0;
    for (let k = 0; k < m; k += 1) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) {
        at += 1;
        idx[at] = sorted[k]!;
        val[at] = 0;
      }
      val[at] = val[at]! + 1;
    }
    for (let k = 0; k < unique; k += 1) {
      const v = (1 + Math.log(val[k]!)) * this.idf[idx[k]!]!;
      val[k] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let k = 0; k < unique; k += 1) val[k] = val[k]! * inv;
    }
    return { idx, val };
  }
}
