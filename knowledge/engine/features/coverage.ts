/**
 * How much of a question the knowledge base has words for at all.
 *
 * A linear model always picks some article, and on a small knowledge base its margins can be large for
 * questions it knows nothing about ("где припарковать машину" scored 0.97 for "add a printer" through a
 * few shared character n-grams). Coverage is the idf-weighted share of the question's content words
 * (stop words aside) that occur in the knowledge base's own questions and titles. A word the base has
 * never seen counts by how many of its character 4-grams the base knows, squared, so a typo
 * ("pasword") still counts for most of a word while chance overlaps of an unrelated word count for little.
 * Scale-free, so one rule carries over to knowledge bases nobody tuned.
 */
import type { AnalyzedText } from '../analysis/analyze.ts';

const GRAM = 4;

export class Coverage {
  private constructor(
    private readonly stemIdf: Map<string, number>,
    private readonly grams: Set<string>,
    private readonly unknownIdf: number,
  ) {}

  static fit(docs: ReadonlyArray<AnalyzedText>): Coverage {
    const df = new Map<string, number>();
    const grams = new Set<string>();
    for (const doc of docs) {
      for (const stem of new Set(doc.stems)) df.set(stem, (df.get(stem) ?? 0) + 1);
      for (const token of doc.tokens) for (const g of charGrams(token)) grams.add(g);
    }
    const n = docs.length;
    const stemIdf = new Map<string, number>();
    for (const [stem, count] of df) stemIdf.set(stem, Math.log((1 + n) / (1 + count)) + 1);
    return new Coverage(stemIdf, grams, Math.log(1 + n) + 1);
  }

  knowsStem(stem: string): boolean {
    return this.stemIdf.has(stem);
  }

  /** In [0, 1]: 1 when every content word of `text` is known, near 0 when none is. */
  of(text: AnalyzedText): number {
    let known = 0;
    let total = 0;
    const content = text.stop.some((s) => !s);
    for (let i = 0; i < text.stems.length; i += 1) {
      if (content && text.stop[i]) continue;
      const idf = this.stemIdf.get(text.stems[i]!);
      if (idf !== undefined) {
        known += idf;
        total += idf;
        continue;
      }
      const grams = charGrams(text.tokens[i]!);
      let hits = 0;
      for (const g of grams) if (this.grams.has(g)) hits += 1;
      const share = grams.length > 0 ? hits / grams.length : 0;
      known += this.unknownIdf * share * share;
      total += this.unknownIdf;
    }
    return total > 0 ? known / total : 1;
  }
}

function charGrams(token: string): string[] {
  const marked = '<' + token + '>';
  if (marked.length <= GRAM) return [marked];
  const out: string[] = [];
  for (let i = 0; i + GRAM <= marked.length; i += 1) out.push(marked.slice(i, i + GRAM));
  return out;
}
