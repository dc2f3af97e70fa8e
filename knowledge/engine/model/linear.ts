/**
 * Multiclass linear model over sparse vectors, trained by averaged SGD.
 *
 * Why not natural's LogisticRegressionClassifier: it runs full-batch gradient descent with dense
 * per-feature objects and takes hours on 10,000 examples. Here weights live in one feature-major typed
 * array (`w[feature * classes + class]`), so scoring a query touches only its own features' rows, and an
 * epoch over 15,000 questions takes a fraction of a second. Averaging the weights over all steps
 * (Polyak averaging) regularises as well as an L2 term would, with no tuning of its strength.
 */
import { seededRandom, shuffle } from './random.ts';
import type { SparseVector } from './sparse.ts';

export type LinearLoss = 'softmax' | 'hinge';

export interface LinearOptions {
  loss: LinearLoss;
  epochs: number;
  /**
   * Hinge only: from the third epoch on, an example whose margin last time exceeded this is scored only
   * every third epoch (0 = never skip). Most examples are learnt early; skipping them buys more epochs.
   */
  skipMargin: number;
  learningRate: number;
  seed: number;
}

// 10 epochs with skipMargin 1.5 gave +0.3-0.5 points top-1 on held-out train examples (BANKING77, HWU64) but
// about 35% more training CPU, which the 5 s build budget at 15,000 examples cannot afford; 7-8 epochs with
// skipping cost the same as 5 without and gained nothing measurable.
export const DEFAULT_LINEAR_OPTIONS: LinearOptions = { loss: 'hinge', epochs: 5, skipMargin: 0, learningRate: 0.5, seed: 7 };

export class LinearModel {
  constructor(
    readonly classes: number,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /** Raw class scores (logits) into `out`. */
  scores(x: SparseVector, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const c = this.classes;
    for (let j = 0; j < c; j += 1) out[j] = this.bias[j]!;
    for (let k = 0; k < x.idx.length; k += 1) {
      const v = x.val[k]!;
      const row = x.idx[k]! * c;
      for (let j = 0; j < c; j += 1) out[j] = out[j]! + v * this.weights[row + j]!;
    }
    return out;
  }
}

// Softmax gradients below this are skipped: they would touch every class's weights for no effect.
const GRADIENT_FLOOR = 1e-4;

export function trainLinear(
  xs: ReadonlyArray<SparseVector>,
  ys: ReadonlyArray<number>,
  classes: number,
  features: number,
  options: LinearOptions = DEFAULT_LINEAR_OPTIONS,
): LinearModel {
  const size = features * classes;
  // Float32 halves the memory traffic of the hot loops; the averaging sum stays accurate enough at the
  // step counts we see (up to ~10^5).
  const w = new Float32Array(size);
  const u = new Float32Array(size); // step-weighted sum of updates, for the averaging trick
  const b = new Float64Array(classes);
  const ub = new Float64Array(classes);
  const scores = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  let step = 1;
  const margins = new Float32Array(xs.length);
  const update = (x: SparseVector, cls: number, g: number): void => {
    for (let k = 0; k < x.idx.length; k += 1) {
      const pos = x.idx[k]! * classes + cls;
      const d = g * x.val[k]!;
      w[pos] = w[pos]! + d;
      u[pos] = u[pos]! + step * d;
    }
    b[cls] = b[cls]! + g;
    ub[cls] = ub[cls]! + step * g;
  };
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    const lr = options.learningRate / (1 + epoch * 0.5);
    const skipping = options.loss === 'hinge' && options.skipMargin > 0 && epoch >= 2;
    for (const i of order) {
      if (skipping && margins[i]! > options.skipMargin && (epoch + i) % 3 !== 0) continue;
      const x = xs[i]!;
      const y = ys[i]!;
      computeScores(x, w, b, classes, scores);
      if (options.loss === 'softmax') softmaxStep(scores, y, lr, (cls, g) => update(x, cls, g));
      else margins[i] = hingeStep(scores, y, lr, (cls, g) => update(x, cls, g));
      step += 1;
    }
  }
  const avgW = new Float32Array(size);
  for (let i = 0; i < size; i += 1) avgW[i] = w[i]! - u[i]! / step;
  const avgB = new Float32Array(classes);
  for (let j = 0; j < classes; j += 1) avgB[j] = b[j]! - ub[j]! / step;
  return new LinearModel(classes, avgW, avgB);
}

function computeScores(x: SparseVector, w: Float32Array, b: Float64Array, c: number, out: Float64Array): void {
  for (let j = 0; j < c; j += 1) out[j] = b[j]!;
  for (let k = 0; k < x.idx.length; k += 1) {
    const v = x.val[k]!;
    const row = x.idx[k]! * c;
    for (let j = 0; j < c; j += 1) out[j] = out[j]! + v * w[row + j]!;
  }
}

function softmaxStep(scores: Float64Array, y: number, lr: number, update: (cls: number, g: number) => void): void {
  softmaxInPlace(scores);
  for (let j = 0; j < scores.length; j += 1) {
    const g = (j === y ? 1 : 0) - scores[j]!;
    if (j === y || Math.abs(g) > GRADIENT_FLOOR) update(j, lr * g);
  }
}

/** Crammer-Singer multiclass hinge: push the true class above the strongest rival by a margin of 1. */
function hingeStep(scores: Float64Array, y: number, lr: number, update: (cls: number, g: number) => void): number {
  let rival = -1;
  for (let j = 0; j < scores.length; j += 1) {
    if (j !== y && (rival < 0 || scores[j]! > scores[rival]!)) rival = j;
  }
  if (rival < 0) return Infinity;
  const margin = scores[y]! - scores[rival]!;
  if (margin < 1) {
    update(y, lr);
    update(rival, -lr);
  }
  return margin;
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
