/**
 * Multiclass linear model over sparse vectors: Crammer-Singer hinge loss, trained by averaged SGD.
 *
 * Why not natural's LogisticRegressionClassifier: it runs full-batch gradient descent with dense
 * per-feature objects and takes hours on 10,000 examples. Here weights live in one feature-major typed
 * array (`w[feature * classes + class]`), so scoring touches only the example's own features' rows.
 * Averaging the weights over all steps (Polyak averaging) regularises as well as an L2 term would, with
 * no tuning of its strength.
 *
 * Speed: scoring every class for every example (features x classes multiply-adds) was ~95% of training.
 * The hinge update needs only the true class and the strongest rival, and after one pass the strongest
 * rivals of an example are nearly always among the few classes that scored highest for it before. So a
 * full pass records each example's `candidates` best rivals, and the passes in between score only the
 * true class and those (refreshed by a full pass every `refreshEvery` epochs). At 15,000 examples and 141
 * classes this trains ~4x faster for the same held-out accuracy (knowledge/cli/tune.ts).
 */
import { seededRandom, shuffle } from './random.ts';
import type { SparseVector } from './sparse.ts';
import { UpdateLog } from './update-log.ts';

export interface LinearOptions {
  epochs: number;
  /** Rivals remembered per example after a full pass (0 = always score every class). */
  candidates: number;
  /** A full pass (every class scored, candidates refreshed) every this many epochs, starting with the first. */
  refreshEvery: number;
  /**
   * Between full passes, an example whose margin last time exceeded this is scored only every third
   * epoch (0 = never skip); counted as a step without update either way, so averaging is unchanged.
   */
  skipMargin: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_LINEAR_OPTIONS: LinearOptions = { epochs: 10, candidates: 12, refreshEvery: 100, skipMargin: 1.5, learningRate: 0.5, seed: 7 };

// Examples x classes below which every pass scores every class.
const FULL_SCORING_BELOW = 500_000;

export class LinearModel {
  constructor(
    readonly classes: number,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /** Raw class scores (logits) into `out`. */
  scores(x: SparseVector, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    allScores(x, this.weights, this.bias, this.classes, out);
    return out;
  }
}

export function trainLinear(
  xs: ReadonlyArray<SparseVector>,
  ys: ReadonlyArray<number>,
  classes: number,
  features: number,
  options: LinearOptions = DEFAULT_LINEAR_OPTIONS,
): LinearModel {
  const size = features * classes;
  // Float32 halves the memory traffic of the hot loops (the averaging sums are kept in double, UpdateLog).
  const w = new Float32Array(size);
  const log = new UpdateLog();
  const b = new Float64Array(classes);
  const ub = new Float64Array(classes);
  const scores = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i);
  // Small bases score every class: it costs nothing there, and rivals recorded in the first pass (while
  // the weights are still near zero) are partly noise, which cost right answers on the starter base.
  const k = xs.length * classes < FULL_SCORING_BELOW ? 0 : Math.min(options.candidates, classes - 1);
  const cand = new Int32Array(Math.max(0, k) * n);
  const topS = new Float64Array(Math.max(1, k));
  const topC = new Int32Array(Math.max(1, k));
  const margins = new Float32Array(n);
  let step = 1;
  // Features no update has reached yet have all-zero weight rows; the first full pass skips them (same
  // scores, ~a third less of the pass's work at 15,000 examples, where most rows start cold).
  const touched = new Uint8Array(features);
  let marking = true; // only the first pass reads the marks
  const update = (x: SparseVector, cls: number, g: number): void => {
    const idx = x.idx;
    if (marking) for (let q = 0; q < idx.length; q += 1) touched[idx[q]!] = 1;
    const val = x.val;
    for (let q = 0; q < idx.length; q += 1) {
      const pos = idx[q]! * classes + cls;
      w[pos] = w[pos]! + g * val[q]!;
    }
    b[cls] = b[cls]! + g;
    ub[cls] = ub[cls]! + step * g;
  };
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    const lr = options.learningRate / (1 + epoch * 0.5);
    const full = k <= 0 || k >= classes - 1 || epoch % Math.max(1, options.refreshEvery) === 0;
    const skipping = !full && options.skipMargin > 0;
    for (const i of order) {
      if (skipping && margins[i]! > options.skipMargin && (epoch + i) % 3 !== 0) {
        step += 1;
        continue;
      }
      const x = xs[i]!;
      const y = ys[i]!;
      let rival = -1;
      let rivalScore = -Infinity;
      let own: number;
      if (full) {
        allScores(x, w, b, classes, scores, marking ? touched : undefined);
        own = scores[y]!;
        if (k > 0) {
          // Keep the k best rivals, best first (insertion into a short list).
          let filled = 0;
          for (let j = 0; j < classes; j += 1) {
            if (j === y) continue;
            const s = scores[j]!;
            if (filled === k && s <= topS[k - 1]!) continue;
            let at = filled < k ? filled++ : k - 1;
            while (at > 0 && topS[at - 1]! < s) {
              topS[at] = topS[at - 1]!;
              topC[at] = topC[at - 1]!;
              at -= 1;
            }
            topS[at] = s;
            topC[at] = j;
          }
          for (let q = 0; q < k; q += 1) cand[i * k + q] = topC[q]!;
          rival = topC[0]!;
          rivalScore = topS[0]!;
        } else {
          for (let j = 0; j < classes; j += 1) {
            if (j !== y && scores[j]! > rivalScore) [rival, rivalScore] = [j, scores[j]!];
          }
        }
      } else {
        // Feature-major: each feature's row is read once for the true class and all candidates.
        const base = i * k;
        own = b[y]!;
        for (let q = 0; q < k; q += 1) topS[q] = b[cand[base + q]!]!;
        const idx = x.idx;
        const val = x.val;
        for (let f = 0; f < idx.length; f += 1) {
          const v = val[f]!;
          const row = idx[f]! * classes;
          own += v * w[row + y]!;
          for (let q = 0; q < k; q += 1) topS[q] = topS[q]! + v * w[row + cand[base + q]!]!;
        }
        for (let q = 0; q < k; q += 1) {
          if (topS[q]! > rivalScore) [rival, rivalScore] = [cand[base + q]!, topS[q]!];
        }
      }
      margins[i] = own - rivalScore;
      if (rival >= 0 && own - rivalScore < 1) {
        update(x, y, lr);
        update(x, rival, -lr);
        log.add(i, y, rival, step * lr);
      }
      step += 1;
    }
    marking = false;
  }
  const avgW = w; // averaged in place: one 4-byte-per-weight array less to allocate
  log.subtractAverage(xs, avgW, classes, features, step);
  const avgB = new Float32Array(classes);
  for (let j = 0; j < classes; j += 1) avgB[j] = b[j]! - ub[j]! / step;
  return new LinearModel(classes, avgW, avgB);
}

/** Row offsets and values of the features one allScores call reads (scratch, grown as needed). */
let rowsScratch = new Int32Array(256);
let valsScratch = new Float64Array(256);

/**
 * Every class's score. Classes outer, features inner, four classes at a time: each class's sum stays in a
 * register and adds the features in their order (bit for bit the result of features outer), and the four
 * sums are independent, so the CPU overlaps them; the example's ~100 rows (141 floats each) stay in cache
 * across the class blocks. Features outer, with every class's running sum loaded and stored per feature,
 * took ~1.2x as long (scoring 15,000 questions with a trained 141-class model: ~330 -> ~275 ms).
 */
function allScores(
  x: SparseVector,
  w: Float32Array,
  b: Float64Array | Float32Array,
  c: number,
  out: Float64Array,
  /** When given, rows of features not marked here are known to be zero and skipped. */
  touched?: Uint8Array,
): void {
  const idx = x.idx;
  const val = x.val;
  if (rowsScratch.length < idx.length) {
    rowsScratch = new Int32Array(idx.length * 2);
    valsScratch = new Float64Array(idx.length * 2);
  }
  const rows = rowsScratch;
  const vals = valsScratch;
  let m = 0;
  for (let q = 0; q < idx.length; q += 1) {
    if (touched !== undefined && touched[idx[q]!] === 0) continue;
    rows[m] = idx[q]! * c;
    vals[m] = val[q]!;
    m += 1;
  }
  const c4 = c - (c % 4);
  let j = 0;
  for (; j < c4; j += 4) {
    let s0 = b[j]!;
    let s1 = b[j + 1]!;
    let s2 = b[j + 2]!;
    let s3 = b[j + 3]!;
    for (let q = 0; q < m; q += 1) {
      const at = rows[q]! + j;
      const v = vals[q]!;
      s0 += v * w[at]!;
      s1 += v * w[at + 1]!;
      s2 += v * w[at + 2]!;
      s3 += v * w[at + 3]!;
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j < c; j += 1) {
    let s = b[j]!;
    for (let q = 0; q < m; q += 1) s += vals[q]! * w[rows[q]! + j]!;
    out[j] = s;
  }
}

export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let j = 0; j < scores.length; j += 1) max = Math.max(max, scores[j]!);
  let sum = 0;
  for (let j = 0; j < scores.length; j += 1) {
    const e = Math.exp((scores[j]! - max) / temperature);
    scores[j] = e;
    sum += e;
  }
  for (let j = 0; j < scores.length; j += 1) scores[j] = scores[j]! / sum;
  return scores;
}
