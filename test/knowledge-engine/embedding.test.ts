import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBEDDING_OPTIONS, trainEmbedding } from '../../knowledge/engine/model/embedding.ts';
import type { SparseVector } from '../../knowledge/engine/model/sparse.ts';

// 30 classes; each example has two of its class's three "words" and a random shared one: no single
// feature decides, so the model must combine them (and shares the noise feature's statistics).
const CLASSES = 30;
const FEATURES = CLASSES * 3 + 20;
function example(c: number, k: number): SparseVector {
  const own = [c * 3 + (k % 3), c * 3 + ((k + 1) % 3)];
  const noise = CLASSES * 3 + ((c * 7 + k * 13) % 20);
  const idx = Int32Array.from([...own, noise].sort((a, b) => a - b));
  return { idx, val: new Float32Array(idx.length).fill(1 / Math.sqrt(idx.length)) };
}
const xs: SparseVector[] = [];
const ys: number[] = [];
for (let c = 0; c < CLASSES; c += 1) {
  for (let k = 0; k < 12; k += 1) {
    xs.push(example(c, k));
    ys.push(c);
  }
}

function argmax(s: Float64Array): number {
  let best = 0;
  for (let j = 1; j < s.length; j += 1) if (s[j]! > s[best]!) best = j;
  return best;
}

describe('embedding model', () => {
  it('learns classes from combinations of features, with remembered rivals between full passes', () => {
    const model = trainEmbedding(xs, ys, CLASSES, FEATURES, { ...DEFAULT_EMBEDDING_OPTIONS, epochs: 20 });
    let right = 0;
    for (let c = 0; c < CLASSES; c += 1) if (argmax(model.scores(example(c, 100))) === c) right += 1;
    expect(right / CLASSES).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed', () => {
    const a = trainEmbedding(xs, ys, CLASSES, FEATURES);
    const b = trainEmbedding(xs, ys, CLASSES, FEATURES);
    expect(Array.from(a.scores(xs[5]!))).toEqual(Array.from(b.scores(xs[5]!)));
  });
});
