/**
 * The best articles of one search, one per article id (translations of an article share the id): the
 * best-placed translation wins its id's place, shown in the query's language when the article has one.
 *
 * Why not sort every article: a search used to build and sort a hit object per article and a Map per
 * query (~40 KB of the ~53 KB a search allocated at 141 articles), which fed the young-generation
 * collections behind the latency tail. Here only the returned hits are allocated: the best remaining
 * article is picked `limit` times (limit x articles comparisons, ~3,000 at 141 articles and limit 20).
 * Order and ties are as a stable sort by confidence would give them (lower article index first).
 */
import type { Language } from '../../core/model/messages.ts';
import type { Article, SearchHit } from '../types.ts';

export class HitRanking {
  /** Dense index of each article's id: translations share one (the classifier's class groups too). */
  readonly idOf: Int32Array;
  /** Articles of each id, in article order. */
  private readonly articlesOfId: number[][];
  /** Which ids the current search has placed (stamp === current search). */
  private readonly placed: Int32Array;
  /** Exposed for a test of the wrap-around; otherwise only top() touches it. */
  stamp = 0;

  constructor(private readonly articles: ReadonlyArray<Article>) {
    const ids = new Map<string, number>();
    this.idOf = Int32Array.from(articles, (a) => ids.get(a.id) ?? (ids.set(a.id, ids.size), ids.size - 1));
    this.articlesOfId = Array.from({ length: ids.size }, () => []);
    this.idOf.forEach((id, c) => this.articlesOfId[id]!.push(c));
    this.placed = new Int32Array(ids.size);
  }

  /**
   * Up to `limit` hits (a whole number; fractions are cut), best first. `confidence[c]` is article c's;
   * NaN leaves an article out (another language when the search is restricted to one).
   */
  top(confidence: Float64Array, language: Language, limit: number): SearchHit[] {
    // A long-lived engine may search 2^31 times: start the stamps over before they overflow.
    if (this.stamp === 0x7fffffff) {
      this.placed.fill(0);
      this.stamp = 0;
    }
    this.stamp += 1;
    const wanted = Math.max(0, Math.trunc(limit));
    const hits: SearchHit[] = [];
    while (hits.length < wanted) {
      const best = this.bestUnplaced(confidence);
      if (best < 0) break;
      const id = this.idOf[best]!;
      this.placed[id] = this.stamp;
      const shown = this.articles[best]!.language === language ? best : this.bestIn(id, language, confidence);
      hits.push({ articleKey: this.articles[shown < 0 ? best : shown]!.key, confidence: confidence[best]! });
    }
    return hits;
  }

  /** The best article whose id has no place yet; -1 if none is left. */
  private bestUnplaced(confidence: Float64Array): number {
    let best = -1;
    for (let c = 0; c < confidence.length; c += 1) {
      const x = confidence[c]!;
      if (Number.isNaN(x) || this.placed[this.idOf[c]!] === this.stamp) continue;
      if (best < 0 || x > confidence[best]!) best = c;
    }
    return best;
  }

  /** The best translation of id `id` in `language`; -1 if it has none (or none in this search). */
  private bestIn(id: number, language: Language, confidence: Float64Array): number {
    let best = -1;
    for (const c of this.articlesOfId[id]!) {
      if (this.articles[c]!.language !== language || Number.isNaN(confidence[c]!)) continue;
      if (best < 0 || confidence[c]! > confidence[best]!) best = c;
    }
    return best;
  }
}
