/**
 * Which reading of a Latin-only message search should use: as typed, or as Russian typed on the English
 * keyboard layout ("pf,sk gfhjkm" -> "забыл пароль", analysis/layout.ts).
 *
 * Conservative on purpose, because a wrong swap turns an English message into Russian gibberish and, via
 * language detection, switches the conversation to Russian:
 * - one-word messages stay as typed ("here" swaps to "руку", a real Russian word);
 * - a message the base already knows well stays as typed;
 * - words the base knows as typed (product names: "teams", "wifi"), and words with digits, "@" or "://",
 *   stay as they are inside a swapped message ("yt hf,jnftn wifi" -> "не работает wifi");
 * - the swap is taken only when at least half of the swapped words read as Russian the base knows (or
 *   Russian stop words) and at least one of them is a known content word of 4+ letters: the Russian
 *   stemmer cuts nonsense down to short stems of common words ("егиу" -> "ег"), which prove nothing.
 */
import { fromEnglishLayout } from './analysis/layout.ts';
import { stemToken } from './analysis/stemmers.ts';
import { isStopWord } from './analysis/stopwords.ts';
import { tokenize } from './analysis/tokenize.ts';

export interface Vocabulary {
  /** Whether the knowledge base's texts contain a word with this stem. */
  knowsStem(stem: string): boolean;
  /** Share of a text's content words the knowledge base knows, in [0, 1]. */
  knownShare(text: string): number;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /[a-z]/i;
const KEEP_AS_TYPED = /\d|@|:\/\//;
const MIN_WORDS = 2;
const KNOWN_ENOUGH = 0.5;
const MIN_STEM = 3;
const MIN_ANCHOR = 4;

export function layoutReading(typed: string, vocabulary: Vocabulary): string {
  if (CYRILLIC.test(typed)) return typed;
  const parts = typed.split(/(\s+)/);
  if (parts.filter((p) => LATIN.test(p)).length < MIN_WORDS) return typed;
  if (vocabulary.knownShare(typed) >= KNOWN_ENOUGH) return typed;
  const known = (token: string): boolean => {
    const stem = stemToken(token);
    return stem.length >= MIN_STEM && vocabulary.knowsStem(stem);
  };
  let swapped = 0;
  let russian = 0;
  let anchored = false;
  const read = parts.map((part) => {
    if (!LATIN.test(part) || KEEP_AS_TYPED.test(part)) return part;
    const asTyped = tokenize(part);
    if (asTyped.length > 0 && asTyped.every(known)) return part;
    const word = fromEnglishLayout(part) ?? part;
    const tokens = tokenize(word);
    swapped += 1;
    if (tokens.length > 0 && tokens.every((t) => isStopWord(t) || known(t))) russian += 1;
    if (tokens.some((t) => !isStopWord(t) && t.length >= MIN_ANCHOR && known(t))) anchored = true;
    return word;
  });
  return swapped > 0 && anchored && russian >= swapped * KNOWN_ENOUGH ? read.join('') : typed;
}
