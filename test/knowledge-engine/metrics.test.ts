import { describe, expect, it } from 'vitest';
import { chooseThreshold, metricsAt, percentile, type Answer } from '../../knowledge/cli/metrics.ts';

const answers: Answer[] = [
  { label: 'a', top: ['a', 'b'], confidence: 0.9 },
  { label: 'b', top: ['a', 'b'], confidence: 0.6 },
  { label: 'a', top: ['a'], confidence: 0.3 },
  { label: 'oos', top: ['a'], confidence: 0.2 },
  { label: 'oos', top: ['b'], confidence: 0.7 },
];

describe('metricsAt', () => {
  it('counts a refused in-scope question as a miss', () => {
    const m = metricsAt(answers, 0.5);
    expect(m.inScopeAccuracy).toBeCloseTo(1 / 3);
    expect(m.top3Accuracy).toBeCloseTo(2 / 3);
    expect(m.oosRecall).toBe(0.5);
    expect(m.oosPrecision).toBe(0.5);
  });

  it('reports null out-of-scope figures when there are none to measure', () => {
    expect(metricsAt(answers.slice(0, 3), 0).oosRecall).toBeNull();
    expect(metricsAt(answers.slice(0, 3), 0).oosPrecision).toBeNull();
  });
});

describe('chooseThreshold', () => {
  it('picks the threshold with the most right decisions', () => {
    // At 0.3: a, a right, oos@0.2 refused = 3 of 5; at 0.7: a right, oos@0.2 refused... = 2.
    expect(chooseThreshold(answers)).toBe(0.3);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
  });
});
