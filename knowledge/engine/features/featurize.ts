/**
 * Sparse lexical features of one text, as 32-bit hashes (with repeats: a repeated feature counts twice).
 * Four groups, each hashed with its own seed so they never collide by design:
 * - `w` stemmed words (paraphrases),
 * - `b` stemmed word pairs (word order: "card declined" vs "declined card"?),
 * - `c` character n-grams of each word with boundary marks (typos: "pasword" still shares most of
 *   "password"'s trigrams),
 * - `s` character n-grams of each stem (inflections and typos together, a differently-biased view).
 *
 * Hashing instead of string keys: character n-grams are hashed straight from the character codes, so no
 * substring is ever allocated; featurising 15,000 questions went from ~1.1 s to ~0.25 s of CPU. With
 * ~10^5 distinct features, a 32-bit collision is a coin toss for one pair in the whole base: harmless.
 */
import type { AnalyzedText } from '../analysis/analyze.ts';

export type FeatureGroup = 'w' | 'b' | 'c' | 's' | 'x';

export interface FeatureOptions {
  minGram: number;
  maxGram: number;
  /** Digits become "0" in character n-grams, so "5am" and "7am" share them. */
  digitShapes: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { minGram: 3, maxGram: 5, digitShapes: false };

const SEED: Record<FeatureGroup, number> = { w: 0x811c9dc5, b: 0x2f6b1a3d, c: 0x5bd1e995, s: 0x1b873593, x: 0x68e31da4 };
const FNV = 16777619;
// Hashes are kept to 30 bits: V8 stores such integers unboxed (small integers), so hash lists and the
// vocabulary map allocate nothing per feature; ~10^5 features in 2^30 values still rarely collide.
const SMI = 0x3fffffff;
const LT = 60; // '<'
const GT = 62; // '>'

function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), FNV);
  return h;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b >>> 16), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const codes = new Int32Array(256);

function charGrams(word: string, seed: number, options: FeatureOptions, out: number[]): void {
  const len = Math.min(word.length + 2, codes.length);
  codes[0] = LT;
  for (let i = 1; i < len - 1; i += 1) {
    const ch = word.charCodeAt(i - 1);
    codes[i] = options.digitShapes && ch >= 48 && ch <= 57 ? 48 : ch;
  }
  codes[len - 1] = GT;
  const { minGram, maxGram } = options;
  for (let start = 0; start + minGram <= len; start += 1) {
    let h = seed;
    const end = Math.min(len, start + maxGram);
    for (let i = start; i < end; i += 1) {
      h = Math.imul(h ^ codes[i]!, FNV);
      if (i - start + 1 >= minGram) out.push(Math.imul(h ^ (i - start), FNV) & SMI);
    }
  }
}

const SPACE = 32;

/** Character n-grams of the whole token sequence that span a word boundary ("d de" of "card declined"). */
function crossGrams(tokens: ReadonlyArray<string>, options: FeatureOptions, out: number[]): void {
  const text = tokens.join(' ');
  const { minGram, maxGram } = options;
  for (let start = 0; start + minGram <= text.length; start += 1) {
    let h = SEED.x;
    let spans = false;
    const end = Math.min(text.length, start + maxGram);
    for (let i = start; i < end; i += 1) {
      const ch = text.charCodeAt(i);
      if (ch === SPACE) spans = i > start;
      h = Math.imul(h ^ ch, FNV);
      if (spans && i > start && ch !== SPACE && i - start + 1 >= minGram) out.push(Math.imul(h ^ (i - start), FNV) & SMI);
    }
  }
}

/** Feature hashes of `text` for the given groups, repeats kept. */
export function featureHashes(
  text: AnalyzedText,
  groups: ReadonlyArray<FeatureGroup>,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): number[] {
  const out: number[] = [];
  const { stems, tokens } = text;
  const stemHashes = groups.includes('w') || groups.includes('b') ? stems.map((s) => hashString(s, SEED.w)) : [];
  for (const group of groups) {
    if (group === 'w') for (const h of stemHashes) out.push(h & SMI);
    else if (group === 'b') for (let i = 0; i + 1 < stemHashes.length; i += 1) out.push(mix(stemHashes[i]! ^ SEED.b, stemHashes[i + 1]!) & SMI);
    else if (group === 'c') for (const t of tokens) charGrams(t, SEED.c, options, out);
    else if (group === 's') for (const s of stems) charGrams(s, SEED.s, options, out);
    else crossGrams(tokens, options, out);
  }
  return out;
}
