/**
 * Answerability scorer: a small logistic model over what a query's result looks like (how peaked the
 * class distribution is, how close the nearest example question is, how much of the question the base
 * has words for), predicting "the best answer is right" against "wrong or out of scope".
 *
 * It is fitted during the build on the knowledge base itself, so nobody has to tune it: a fold model is
 * trained with some articles held out entirely (their example questions play out-of-scope queries) and
 * some example questions of the other articles held out (in-scope queries, right or wrong), and the
 * scorer learns from those rows. Every feature is scale-free (probabilities, cosines, shares), so what
 * the fold learns carries over to the final model trained on everything.
 */

export const SCORER_FEATURES = 8;

export interface ResultShape {
  /** Mixture distribution over classes. */
  probs: ArrayLike<number>;
  /** Best cosine similarity to an example of each class. */
  similarity: ArrayLike<number>;
  /** Share of the question's content words the base knows. */
  coverage: number;
  /** Raw linear scores (first view): hinge margins, in units of the training margin. */
  scores: ArrayLike<number>;
}

/** Feature row of one result, into `out`. */
export function shapeFeatures(r: ResultShape, out: Float64Array = new Float64Array(SCORER_FEATURES)): Float64Array {
  const { probs, similarity, scores } = r;
  let b1 = 0;
  let p1 = -1;
  let p2 = 0;
  let entropy = 0;
  for (let j = 0; j < probs.length; j += 1) {
    const p = probs[j]!;
    if (p > p1) [p2, p1, b1] = [p1 < 0 ? 0 : p1, p, j];
    else if (p > p2) p2 = p;
    if (p > 0) entropy -= p * Math.log(p);
  }
  let s1 = -Infinity;
  let s2 = -Infinity;
  let maxSim = 0;
  for (let j = 0; j < scores.length; j += 1) {
    const s = scores[j]!;
    if (s > s1) [s2, s1] = [s1, s];
    else if (s > s2) s2 = s;
    maxSim = Math.max(maxSim, similarity[j]!);
  }
  out[0] = p1;
  out[1] = p1 - p2;
  out[2] = probs.length > 1 ? entropy / Math.log(probs.length) : 0;
  out[3] = similarity[b1]!;
  out[4] = maxSim;
  out[5] = r.coverage;
  out[6] = Math.max(-2, Math.min(3, s1));
  out[7] = Math.max(0, Math.min(3, s1 - s2));
  return out;
}

export interface ScorerParts {
  weights: Float64Array;
  bias: number;
}

export class AnswerScorer {
  constructor(
    private readonly weights: Float64Array,
    private readonly bias: number,
  ) {}

  /** The fitted coefficients, to move the scorer between threads (classifier.ts). */
  parts(): ScorerParts {
    return { weights: this.weights, bias: this.bias };
  }

  static fromParts(p: ScorerParts): AnswerScorer {
    return new AnswerScorer(p.weights, p.bias);
  }

  /** Probability that the best answer is right. */
  score(features: ArrayLike<number>): number {
    let z = this.bias;
    for (let k = 0; k < this.weights.length; k += 1) z += this.weights[k]! * features[k]!;
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Weighted logistic regression by Newton's method (8 features: a few iterations of an 9x9 solve), with a
   * light L2 penalty so separable rows (tiny bases) do not blow the weights up.
   */
  static fit(rows: ReadonlyArray<Float64Array>, targets: ReadonlyArray<number>, weights: ReadonlyArray<number>, l2 = 1e-2): AnswerScorer {
    const d = SCORER_FEATURES + 1;
    const beta = new Float64Array(d);
    const x = (r: Float64Array, k: number): number => (k < SCORER_FEATURES ? r[k]! : 1);
    for (let iter = 0; iter < 25; iter += 1) {
      const grad = new Float64Array(d);
      const hess = Array.from({ length: d }, () => new Float64Array(d));
      let total = 0;
      rows.forEach((r, i) => {
        let z = 0;
        for (let k = 0; k < d; k += 1) z += beta[k]! * x(r, k);
        const p = 1 / (1 + Math.exp(-z));
        const w = weights[i]!;
        total += w;
        const g = w * (p - targets[i]!);
        const h = w * p * (1 - p);
        for (let a = 0; a < d; a += 1) {
          grad[a] = grad[a]! + g * x(r, a);
          for (let b = 0; b <= a; b += 1) hess[a]![b] = hess[a]![b]! + h * x(r, a) * x(r, b);
        }
      });
      for (let a = 0; a < d; a += 1) {
        for (let b = 0; b < a; b += 1) hess[b]![a] = hess[a]![b]!;
        if (a < SCORER_FEATURES) {
          grad[a] = grad[a]! + l2 * total * beta[a]!;
          hess[a]![a] = hess[a]![a]! + l2 * total;
        } else hess[a]![a] = hess[a]![a]! + 1e-9 * total;
      }
      const step = solve(hess, grad);
      let change = 0;
      for (let k = 0; k < d; k += 1) {
        beta[k] = beta[k]! - step[k]!;
        change = Math.max(change, Math.abs(step[k]!));
      }
      if (change < 1e-6) break;
    }
    return new AnswerScorer(beta.slice(0, SCORER_FEATURES), beta[SCORER_FEATURES]!);
  }
}

/** Gaussian elimination with partial pivoting (tiny dense systems). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => Float64Array.from([...row, b[i]!]));
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c += 1) m[r]![c] = m[r]![c]! - f * m[col]![c]!;
    }
  }
  return Float64Array.from({ length: n }, (_, i) => (Math.abs(m[i]![i]!) < 1e-12 ? 0 : m[i]![n]! / m[i]![i]!));
}
