/**
 * A supervised fastText-style model (Joulin et al., 2017, "Bag of Tricks for Efficient Text
 * Classification"), trained at build time: each feature (word, word pair, character n-gram) has a dense
 * embedding; a text is the weighted average of its features' embeddings; a softmax layer maps that to
 * classes. Trained by plain SGD with a linearly decaying learning rate, as fastText does.
 *
 * The classifier feeds it words and word pairs (classifier.ts says what else was measured).
 *
 * Why next to the linear model: it shares statistical strength between features through the dense
 * layer (two rare words that predict the same classes end up with similar embeddings), which a linear
 * model over sparse features cannot, so its mistakes differ and averaging the two helps.
 *
 * Speed: embeddings live in one flat Float32Array (the output layer, small, in Float64: ~30% faster
 * steps than all-Float32, no float conversions in the hot loops); a step costs about
 * (features + classes) x 2 x dim multiply-adds.
 */
import { seededRandom, shuffle } from './random.ts';
import type { SparseVector } from './sparse.ts';

export interface EmbeddingOptions {
  /** Embedding size (0 turns the model off). */
  dim: number;
  epochs: number;
  /** Starting learning rate, decayed linearly to 0 over all steps. */
  learningRate: number;
  seed: number;
  /**
   * Between full passes the softmax runs over the example's own class and this many rivals that scored
   * highest for it in the last full pass (0 = always every class): the output layer is most of a step.
   */
  candidates: number;
  /** A full pass every this many epochs, starting with the first. */
  refreshEvery: number;
  /**
   * Between full passes, an example that last got at least this probability for its own class is visited
   * only every third epoch (1 = never skip); the skipped step still counts for the learning-rate decay.
   */
  skipAbove: number;
  /** Classes other than the example's own that get less probability than this are not updated. */
  negligible: number;
}

export const DEFAULT_EMBEDDING_OPTIONS: EmbeddingOptions = {
  dim: 24,
  epochs: 8,
  learningRate: 0.5,
  seed: 11,
  candidates: 10,
  refreshEvery: 4,
  skipAbove: 0.99,
  negligible: 0.01,
};

export interface EmbeddingParts {
  classes: number;
  dim: number;
  input: Float32Array;
  output: Float64Array;
  bias: Float64Array;
}

export class EmbeddingModel {
  private readonly hidden: Float64Array;
  /** 0..classes-1: every class is scored. */
  private readonly all: Int32Array;

  constructor(
    readonly classes: number,
    private readonly dim: number,
    private readonly input: Float32Array,
    private readonly output: Float64Array,
    private readonly bias: Float64Array,
  ) {
    this.hidden = new Float64Array(dim);
    this.all = Int32Array.from({ length: classes }, (_, j) => j);
  }

  /** The learnt arrays, to move the model between threads (classifier.ts). */
  parts(): EmbeddingParts {
    return { classes: this.classes, dim: this.dim, input: this.input, output: this.output, bias: this.bias };
  }

  static fromParts(p: EmbeddingParts): EmbeddingModel {
    return new EmbeddingModel(p.classes, p.dim, p.input, p.output, p.bias);
  }

  /** Class logits into `out`. Not re-entrant: shares one scratch buffer. */
  scores(x: SparseVector, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    embed(x, this.input, this.dim, this.hidden);
    someLogits(this.hidden, this.output, this.bias, this.all, this.classes, this.dim, out);
    return out;
  }
}

/** Weighted average of the embeddings of x's features into `h` (weights: x's values). */
function embed(x: SparseVector, input: Float32Array, dim: number, h: Float64Array): number {
  h.fill(0);
  let total = 0;
  const idx = x.idx;
  const val = x.val;
  for (let k = 0; k < idx.length; k += 1) {
    const v = val[k]!;
    total += v;
    gatherRow(h, input, idx[k]! * dim, v, dim);
  }
  const inv = total > 0 ? 1 / total : 0;
  for (let d = 0; d < dim; d += 1) h[d] = h[d]! * inv;
  return inv;
}

/**
 * h += v * input[s...s + n], unrolled by four (V8 does not vectorise; ~1.3x faster unrolled). The gather
 * and the scatter below are separate functions, each with one pair of array types: one shared function
 * saw Float32 and Float64 arrays in both roles, and its polymorphic element accesses made training
 * ~1.15x slower.
 */
function gatherRow(h: Float64Array, input: Float32Array, s: number, v: number, n: number): void {
  const n4 = n - (n % 4);
  let d = 0;
  for (; d < n4; d += 4) {
    h[d] = h[d]! + v * input[s + d]!;
    h[d + 1] = h[d + 1]! + v * input[s + d + 1]!;
    h[d + 2] = h[d + 2]! + v * input[s + d + 2]!;
    h[d + 3] = h[d + 3]! + v * input[s + d + 3]!;
  }
  for (; d < n; d += 1) h[d] = h[d]! + v * input[s + d]!;
}

/** input[t...t + n] += v * grad. */
function scatterRow(input: Float32Array, t: number, grad: Float64Array, v: number, n: number): void {
  const n4 = n - (n % 4);
  let d = 0;
  for (; d < n4; d += 4) {
    input[t + d] = input[t + d]! + v * grad[d]!;
    input[t + d + 1] = input[t + d + 1]! + v * grad[d + 1]!;
    input[t + d + 2] = input[t + d + 2]! + v * grad[d + 2]!;
    input[t + d + 3] = input[t + d + 3]! + v * grad[d + 3]!;
  }
  for (; d < n; d += 1) input[t + d] = input[t + d]! + v * grad[d]!;
}

export function trainEmbedding(
  xs: ReadonlyArray<SparseVector>,
  ys: ReadonlyArray<number>,
  classes: number,
  features: number,
  options: EmbeddingOptions = DEFAULT_EMBEDDING_OPTIONS,
): EmbeddingModel {
  const { dim } = options;
  const random = seededRandom(options.seed);
  const input = new Float32Array(features * dim);
  for (let i = 0; i < input.length; i += 1) input[i] = (random() * 2 - 1) / dim;
  const output = new Float64Array(classes * dim);
  const bias = new Float64Array(classes);
  const h = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const z = new Float64Array(classes);
  const n = xs.length;
  const k = options.candidates > 0 && options.candidates < classes - 1 ? options.candidates : 0;
  // Classes of each example's softmax between full passes: its own first, then its k strongest rivals.
  const cand = new Int32Array((k + 1) * n);
  const active = new Int32Array(classes);
  const own = new Float32Array(n); // probability of its own class at the example's last visit
  const order = Array.from({ length: n }, (_, i) => i);
  const total = Math.max(1, options.epochs * n);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    const full = k === 0 || epoch % options.refreshEvery === 0;
    for (const i of order) {
      const lr = options.learningRate * (1 - step / total);
      step += 1;
      if (!full && own[i]! >= options.skipAbove && (epoch + i) % 3 !== 0) continue;
      const x = xs[i]!;
      const y = ys[i]!;
      const inv = embed(x, input, dim, h);
      let m = classes;
      if (full) {
        for (let j = 0; j < classes; j += 1) active[j] = j;
        someLogits(h, output, bias, active, classes, dim, z);
        if (k > 0) rivals(z, y, k, cand, i * (k + 1));
      } else {
        m = k + 1;
        for (let q = 0; q < m; q += 1) active[q] = cand[i * m + q]!;
        someLogits(h, output, bias, active, m, dim, z);
      }
      let max = -Infinity;
      for (let q = 0; q < m; q += 1) if (z[q]! > max) max = z[q]!;
      let sum = 0;
      for (let q = 0; q < m; q += 1) {
        const e = Math.exp(z[q]! - max);
        z[q] = e;
        sum += e;
      }
      grad.fill(0);
      for (let q = 0; q < m; q += 1) {
        const j = active[q]!;
        const p = z[q]! / sum;
        if (j === y) own[i] = p;
        // Classes the example gives (almost) no probability would barely move: skip them.
        if (j !== y && p < options.negligible) continue;
        const g = lr * ((j === y ? 1 : 0) - p);
        const row = j * dim;
        for (let d = 0; d < dim; d += 1) {
          grad[d] = grad[d]! + g * output[row + d]!;
          output[row + d] = output[row + d]! + g * h[d]!;
        }
        bias[j] = bias[j]! + g;
      }
      const idx = x.idx;
      const val = x.val;
      for (let f = 0; f < idx.length; f += 1) {
        scatterRow(input, idx[f]! * dim, grad, val[f]! * inv, dim);
      }
    }
  }
  return new EmbeddingModel(classes, dim, input, output, bias);
}

/**
 * Logits of the classes active[0..m) into z[0..m) (all classes in the full passes and at query time, the
 * candidates between). Four classes at a time, each summed over the dimensions in order (the same result
 * as one class at a time): four independent sums keep the CPU busy where one waits on each add (training
 * at 15,000 questions ~1.13x faster; the full passes' logits were a quarter of it).
 */
function someLogits(h: Float64Array, output: Float64Array, bias: Float64Array, active: Int32Array, m: number, dim: number, z: Float64Array): void {
  const m4 = m - (m % 4);
  let q = 0;
  for (; q < m4; q += 4) {
    const j0 = active[q]!;
    const j1 = active[q + 1]!;
    const j2 = active[q + 2]!;
    const j3 = active[q + 3]!;
    let s0 = bias[j0]!;
    let s1 = bias[j1]!;
    let s2 = bias[j2]!;
    let s3 = bias[j3]!;
    const r0 = j0 * dim;
    const r1 = j1 * dim;
    const r2 = j2 * dim;
    const r3 = j3 * dim;
    for (let d = 0; d < dim; d += 1) {
      const hd = h[d]!;
      s0 += output[r0 + d]! * hd;
      s1 += output[r1 + d]! * hd;
      s2 += output[r2 + d]! * hd;
      s3 += output[r3 + d]! * hd;
    }
    z[q] = s0;
    z[q + 1] = s1;
    z[q + 2] = s2;
    z[q + 3] = s3;
  }
  for (; q < m; q += 1) {
    const j = active[q]!;
    let s = bias[j]!;
    const row = j * dim;
    for (let d = 0; d < dim; d += 1) s += output[row + d]! * h[d]!;
    z[q] = s;
  }
}

/** Writes y and the k classes other than y with the highest scores z (best first) at cand[at...]. */
function rivals(z: Float64Array, y: number, k: number, cand: Int32Array, at: number): void {
  cand[at] = y;
  let filled = 0;
  for (let j = 0; j < z.length; j += 1) {
    if (j === y) continue;
    const s = z[j]!;
    if (filled === k && s <= z[cand[at + k]!]!) continue;
    let p = filled < k ? ++filled : k;
    while (p > 1 && z[cand[at + p - 1]!]! < s) {
      cand[at + p] = cand[at + p - 1]!;
      p -= 1;
    }
    cand[at + p] = j;
  }
}
