import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { DEFAULT_CLASSIFIER_OPTIONS, IntentClassifier } from '../../knowledge/engine/model/classifier.ts';
import { seededRandom } from '../../knowledge/engine/model/random.ts';
import type { Article } from '../../knowledge/types.ts';

/**
 * A base large enough for everything a big one gets (scorer: 10+ articles; embedding model: 20+
 * questions each), made of each topic's own words mixed with shared ones.
 */
function syntheticBase(topics: number, perTopic: number): { texts: string[]; labels: number[] } {
  const random = seededRandom(3);
  const shared = ['please', 'help', 'my', 'the', 'cannot', 'how', 'do', 'i', 'need', 'again'];
  const texts: string[] = [];
  const labels: number[] = [];
  for (let t = 0; t < topics; t += 1) {
    const own = Array.from({ length: 6 }, (_, w) => `topic${t}word${w}`);
    for (let e = 0; e < perTopic; e += 1) {
      const words = Array.from({ length: 6 }, () => (random() < 0.5 ? own : shared)[Math.floor(random() * 6)]!);
      texts.push(words.join(' '));
      labels.push(t);
    }
  }
  return { texts, labels };
}

describe('parallel build', () => {
  const { texts, labels } = syntheticBase(12, 30);
  const queries = ['topic3word1 please topic3word4', 'how do i topic7word2', 'cannot topic0word5 again', 'completely unrelated words'];

  it('gives the same model with the helper thread as without it', () => {
    const inline = IntentClassifier.train(texts, labels, 12, { ...DEFAULT_CLASSIFIER_OPTIONS, parallelFrom: Infinity });
    // Forced onto two threads even on a one-CPU machine, so this compares the two paths everywhere.
    const parallel = IntentClassifier.train(texts, labels, 12, { ...DEFAULT_CLASSIFIER_OPTIONS, parallelFrom: 0, parallelMinCpus: 1 });
    expect(inline.helped).toBe(false);
    // Both the scorer and the embedding model came from the helper (helped says so only then).
    expect(parallel.helped).toBe(true);
    for (const q of queries) {
      const a = inline.predict(q);
      const b = parallel.predict(q);
      expect(Array.from(b.probs)).toEqual(Array.from(a.probs));
      expect(b.factor).toBe(a.factor);
    }
    expect(parallel.predict(queries[0]!).probs[3]).toBeGreaterThan(0.5);
  });

  it('reports the threads it used, and small bases stay on one', () => {
    const articles: Article[] = Array.from({ length: 12 }, (_, t) => ({
      key: `en/t${t}`,
      id: `t${t}`,
      language: 'en',
      title: '',
      body: '',
      category: 'general',
      type: 'incident',
      tags: [],
      examples: texts.filter((_, i) => labels[i] === t),
    }));
    expect(buildKnowledgeEngine(articles, { classifier: { parallelFrom: 0, parallelMinCpus: 1 } }).stats.buildThreads).toBe(2);
    expect(buildKnowledgeEngine(articles).stats.buildThreads).toBe(1);
    // Not on one CPU: there the two threads would only take turns.
    const oneCpu = buildKnowledgeEngine(articles, { classifier: { parallelFrom: 0, parallelMinCpus: availableParallelism() + 1 } });
    expect(oneCpu.stats.buildThreads).toBe(1);
  });
});
