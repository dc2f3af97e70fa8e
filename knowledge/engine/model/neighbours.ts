/**
 * Nearest neighbours over example questions: cosine similarity through an inverted index (postings per
 * feature), so a query only touches examples sharing a feature with it. Gives two things the linear model
 * does not: the best per-class match, and an absolute similarity (how close is the closest example at all)
 * that stays low for questions nothing in the knowledge base resembles.
 */
import type { SparseVector } from './sparse.ts';

const COMMON_SHARE = 0.05;
const MIN_POSTINGS_CAP = 200;

export class NeighbourIndex {
  private readonly postingsDoc: Int32Array[];
  private readonly postingsVal: Float32Array[];
  private readonly sims: Float64Array;

  constructor(
    docs: ReadonlyArray<SparseVector>,
    private readonly labels: ReadonlyArray<number>,
    features: number,
    readonly classes: number,
  ) {
    const counts = new Int32Array(features);
    for (const d of docs) for (let k = 0; k < d.idx.length; k += 1) counts[d.idx[k]!]! += 1;
    // Features found in a large share of examples ("<th", "the") carry little idf weight but have the
    // longest postings; leaving them out keeps queries well under a millisecond at 15,000 examples.
    const maxPostings = Math.max(MIN_POSTINGS_CAP, Math.floor(docs.length * COMMON_SHARE));
    for (let f = 0; f < features; f += 1) if (counts[f]! > maxPostings) counts[f] = 0;
    this.postingsDoc = Array.from(counts, (n) => new Int32Array(n));
    this.postingsVal = Array.from(counts, (n) => new Float32Array(n));
    const fill = new Int32Array(features);
    docs.forEach((d, i) => {
      for (let k = 0; k < d.idx.length; k += 1) {
        const f = d.idx[k]!;
        const at = fill[f]!;
        if (at >= counts[f]!) continue;
        this.postingsDoc[f]![at] = i;
        this.postingsVal[f]![at] = d.val[k]!;
        fill[f] = at + 1;
      }
    });
    this.sims = new Float64Array(docs.length);
  }

  /** Per-class best cosine similarity into `out`. Not re-entrant: shares one scratch buffer. */
  classSimilarity(x: SparseVector, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const sims = this.sims;
    sims.fill(0);
    for (let k = 0; k < x.idx.length; k += 1) {
      const docs = this.postingsDoc[x.idx[k]!]!;
      const vals = this.postingsVal[x.idx[k]!]!;
      const q = x.val[k]!;
      for (let j = 0; j < docs.length; j += 1) sims[docs[j]!] = sims[docs[j]!]! + q * vals[j]!;
    }
    out.fill(0);
    for (let i = 0; i < sims.length; i += 1) {
      const c = this.labels[i]!;
      if (sims[i]! > out[c]!) out[c] = sims[i]!;
    }
    return out;
  }
}
