/**
 * natural's stemmers, loaded by their file paths instead of the package entry point: `natural/index.js`
 * pulls in its storage back-ends, which call `require('dotenv').config()` and would silently read a `.env`
 * into `process.env`. The stemmer files have no such side effect.
 */
import { createRequire } from 'node:module';

interface NaturalStemmer {
  stem(token: string): string;
}

const require = createRequire(import.meta.url);
const porterEn = require('natural/lib/natural/stemmers/porter_stemmer.js') as NaturalStemmer;
const porterRu = require('natural/lib/natural/stemmers/porter_stemmer_ru.js') as NaturalStemmer;

const HAS_CYRILLIC = /\p{Script=Cyrillic}/u;
const ONLY_LATIN = /^\p{Script=Latin}+$/u;

// Stemming is the hottest analysis step on large training sets; words repeat a lot, so cache them.
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/**
 * Stems one folded token by its own script, not the message's language: "не работает vpn" mixes both.
 * Tokens with digits or mixed scripts (product names such as "office365", "1с") are kept as they are.
 */
export function stemToken(token: string): string {
  const hit = cache.get(token);
  if (hit !== undefined) return hit;
  let stem = token;
  if (token.length > 2) {
    if (ONLY_LATIN.test(token)) stem = porterEn.stem(token);
    else if (HAS_CYRILLIC.test(token) && !/\d|\p{Script=Latin}/u.test(token)) stem = porterRu.stem(token);
  }
  if (stem.length === 0) stem = token;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, stem);
  return stem;
}
