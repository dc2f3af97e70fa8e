import { describe, expect, it } from 'vitest';
import type { Language } from '../../core/model/messages.ts';
import { HitRanking } from '../../knowledge/engine/hit-ranking.ts';
import { seededRandom } from '../../knowledge/engine/model/random.ts';
import type { Article, SearchHit } from '../../knowledge/types.ts';

const article = (id: string, language: Language): Article => ({
  key: `${language}/${id}`, id, language, title: id, body: '', category: 'general', type: 'incident', tags: [], examples: [],
});

/** The plain way: a hit per article, a stable sort, then each id's first place, in the query's language when it has one. */
function reference(articles: Article[], confidence: Float64Array, language: Language, limit: number): SearchHit[] {
  const ranked = articles
    .map((a, c) => ({ a, confidence: confidence[c]! }))
    .filter((h) => !Number.isNaN(h.confidence))
    .sort((x, y) => y.confidence - x.confidence);
  const out: Array<{ a: Article; confidence: number }> = [];
  for (const h of ranked) {
    const seen = out.findIndex((o) => o.a.id === h.a.id);
    if (seen < 0) out.push(h);
    else if (h.a.language === language && out[seen]!.a.language !== language) out[seen] = { a: h.a, confidence: out[seen]!.confidence };
  }
  return out.slice(0, limit).map((h) => ({ articleKey: h.a.key, confidence: h.confidence }));
}

describe('hit ranking', () => {
  it('places each article once, in the query language when translated, best first, ties in article order', () => {
    const articles = [article('vpn', 'en'), article('vpn', 'ru'), article('mail', 'ru'), article('print', 'en'), article('print', 'ru')];
    const ranking = new HitRanking(articles);
    const confidence = Float64Array.from([0.9, 0.2, 0.5, 0.5, 0.1]);
    expect(ranking.top(confidence, 'ru', 5)).toEqual([
      { articleKey: 'ru/vpn', confidence: 0.9 },
      { articleKey: 'ru/mail', confidence: 0.5 },
      { articleKey: 'ru/print', confidence: 0.5 },
    ]);
    expect(ranking.top(confidence, 'en', 2)).toEqual([
      { articleKey: 'en/vpn', confidence: 0.9 },
      { articleKey: 'ru/mail', confidence: 0.5 },
    ]);
    // Left out (NaN): never placed, never shown as a translation.
    confidence[1] = NaN;
    expect(ranking.top(confidence, 'ru', 1)).toEqual([{ articleKey: 'en/vpn', confidence: 0.9 }]);
  });

  it('keeps working when its per-search stamps wrap around, and cuts a fractional limit', () => {
    const articles = [article('vpn', 'en'), article('mail', 'en'), article('print', 'en')];
    const ranking = new HitRanking(articles);
    const confidence = Float64Array.from([0.2, 0.9, 0.5]);
    const expected = ['en/mail', 'en/print', 'en/vpn'];
    ranking.stamp = 0x7fffffff - 1;
    for (let k = 0; k < 3; k += 1) expect(ranking.top(confidence, 'en', 3).map((h) => h.articleKey)).toEqual(expected);
    expect(ranking.top(confidence, 'en', 2.5)).toHaveLength(2);
    expect(ranking.top(confidence, 'en', -1)).toEqual([]);
  });

  it('agrees with sorting every article, on random bases with translations and ties', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 300; trial += 1) {
      const articles: Article[] = [];
      const ids = 1 + Math.floor(random() * 30);
      for (let id = 0; id < ids; id += 1) {
        if (random() < 0.8) articles.push(article(`a${id}`, 'en'));
        if (random() < 0.6) articles.push(article(`a${id}`, 'ru'));
      }
      articles.sort(() => random() - 0.5);
      // Coarse values make ties common; some articles left out.
      const confidence = Float64Array.from(articles, () => (random() < 0.1 ? NaN : Math.round(random() * 8) / 8));
      const language: Language = random() < 0.5 ? 'en' : 'ru';
      const limit = 1 + Math.floor(random() * 25);
      expect(new HitRanking(articles).top(confidence, language, limit)).toEqual(reference(articles, confidence, language, limit));
    }
  });
});
