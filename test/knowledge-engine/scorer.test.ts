import { describe, expect, it } from 'vitest';
import { AnswerScorer, SCORER_FEATURES, shapeFeatures } from '../../knowledge/engine/model/scorer.ts';

describe('answerability scorer', () => {
  it('describes a peaked, well-backed result differently from a flat one', () => {
    const peaked = shapeFeatures({ probs: [0.9, 0.05, 0.05], similarity: [0.8, 0.1, 0.1], coverage: 1, scores: [2, -1, -1] });
    const flat = shapeFeatures({ probs: [0.34, 0.33, 0.33], similarity: [0.2, 0.2, 0.1], coverage: 0.3, scores: [0.1, 0, 0] });
    expect(peaked[0]).toBeGreaterThan(flat[0]!); // top probability
    expect(peaked[1]).toBeGreaterThan(flat[1]!); // margin
    expect(peaked[2]).toBeLessThan(flat[2]!); // normalised entropy
    expect(peaked).toHaveLength(SCORER_FEATURES);
  });

  it('learns that confident-looking rows are the right ones, deterministically', () => {
    const rows: Float64Array[] = [];
    const targets: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const p = (i % 100) / 100;
      const right = (i * 7919) % 100 < p * 100 ? 1 : 0; // right more often when p is high
      rows.push(shapeFeatures({ probs: [p, 1 - p], similarity: [p, 0], coverage: 1, scores: [p, 0] }));
      targets.push(right);
    }
    const weights = rows.map(() => 1);
    const a = AnswerScorer.fit(rows, targets, weights);
    const b = AnswerScorer.fit(rows, targets, weights);
    expect(a.score(rows[95]!)).toBeGreaterThan(a.score(rows[10]!));
    expect(a.score(rows[50]!)).toBe(b.score(rows[50]!));
    for (const r of rows) expect(a.score(r)).toBeGreaterThanOrEqual(0);
  });
});
