/**
 * Sparse lexical features of one text. Three groups, each prefixed by its own letter so they never
 * collide: stemmed words (paraphrases), stemmed word pairs (word order: "card declined" vs "declined
 * card"?), and character n-grams of each word with boundary marks (typos: "pasword" still shares most of
 * "password"'s trigrams).
 */
import type { AnalyzedText } from '../analysis/analyze.ts';

export const GROUPS = { word: 'w', pair: 'b', chars: 'c' } as const;

export interface FeatureOptions {
  minGram: number;
  maxGram: number;
  /** Also pair words one apart ("card * arrived"), for paraphrases with an inserted word. */
  skipPairs: boolean;
  /** Digits become "0" in character n-grams, so "5am" and "7am" share them. */
  digitShapes: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { minGram: 3, maxGram: 5, skipPairs: false, digitShapes: false };

/** Feature -> raw count. */
export function featurize(text: AnalyzedText, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const { stems, tokens } = text;
  for (let i = 0; i < stems.length; i += 1) {
    add(GROUPS.word + stems[i]);
    if (i + 1 < stems.length) add(GROUPS.pair + stems[i] + ' ' + stems[i + 1]);
    if (options.skipPairs && i + 2 < stems.length) add(GROUPS.pair + stems[i] + ' * ' + stems[i + 2]);
  }
  for (const token of tokens) {
    const marked = '<' + (options.digitShapes ? token.replace(/\d/g, '0') : token) + '>';
    for (let n = options.minGram; n <= options.maxGram; n += 1) {
      for (let start = 0; start + n <= marked.length; start += 1) add(GROUPS.chars + marked.slice(start, start + n));
    }
  }
  return counts;
}
