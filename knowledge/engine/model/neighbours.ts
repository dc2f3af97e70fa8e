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
  // Postings of all features in one pair of arrays (feature f's run is start[f]..start[f + 1]): one typed
  // array per feature meant ~10^5 small allocations per build, ~2x slower to construct.
  private readonly start: Int32Array;
  private readonly postingsDoc: Int32Array;
  private readonly postingsVal: Float32Array;
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
    // A 2.5% share halved long queries' time here but cost 0.6 points of in-scope accuracy at the
    // threshold on both development splits (knowledge/cli/tune.ts, sixth session).
    const maxPostings = Math.max(MIN_POSTINGS_CAP, Math.floor(docs.length * COMMON_SHARE));
    this.start = new Int32Array(features + 1);
    for (let f = 0; f < features; f += 1) this.start[f + 1] = this.start[f]! + (counts[f]! > maxPostings ? 0 : counts[f]!);
    this.postingsDoc = new Int32Array(this.start[features]!);
    this.postingsVal = new Float32Array(this.start[features]!);
    const fill = this.start.slice(0, features);
    docs.forEach((d, i) => {
      for (let k = 0; k < d.idx.length; k += 1) {
        const f = d.idx[k]!;
        const at = fill[f]!;
        if (at >= this.start[f + 1]!) continue;
        this.postingsDoc[at] = i;
        this.postingsVal[at] = d.val[k]!;
        fill[f] = at + 1;
      }
    });
    this.sims = new Float64Array(docs.length);
  }

  /** Per-class best cosine similarity into `out`. Not re-entrant: shares one scratch buffer. */
  classSimilarity(x: SparseVector, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const { sims, start, postingsDoc, postingsVal } = this;
    sims.fill(0);
    for (let k = 0; k < x.idx.length; k += 1) {
      const f = x.idx[k]!;
      const q = x.val[k]!;
      for (let j = start[f]!, end = start[f + 1]!; j < end; j += 1) sims[postingsDoc[j]!] = sims[postingsDoc[j]!]! + q * postingsVal[j]!;
    }
    out.fill(0);
    for (let i = 0; i < sims.length; i += 1) {
      const c = this.labels[i]!;
      if (sims[i]! > out[c]!) out[c] = sims[i]!;
    }
    return out;
  }
}
