/**
 * Which reading of a Latin-only message search should use: as typed, as Russian typed on the English
 * keyboard layout ("pf,sk gfhjkm" -> "забыл пароль", analysis/layout.ts), or as Russian written in Latin
 * letters ("doma internet ne rabotaet" -> "дома интернет не работает", analysis/translit.ts).
 *
 * Conservative on purpose, because a wrong reading turns an English message into Russian gibberish and,
 * via language detection, switches the conversation to Russian:
 * - one-word messages stay as typed ("here" swaps to "руку", a real Russian word);
 * - English stays as typed: a message at least half of whose Latin words are English words of 4+ letters
 *   (WordNet, analysis/english-words.ts) or English function words ("the", "are", "here") is never
 *   converted. The base's own vocabulary cannot tell, as Russian borrows English words: on a telecom base
 *   "test message" read as "тест мессаге" and "are you a robot" as "аре you а робот";
 * - a message the base already knows well stays as typed;
 * - so does a message of more than 60 words: long Latin text is English or code, and reading it costs
 *   time in proportion;
 * - words the base knows as typed (product names: "teams", "wifi"), words with digits, "@" or "://", and
 *   runs of over 40 characters stay as they are inside a converted message ("yt hf,jnftn wifi" -> "не работает wifi");
 * - a reading is taken only when at least half of the converted words read as Russian the base knows (or
 *   Russian stop words), at least half of the converted content words (stop words aside) are known, and
 *   one of those has a stem of 4+ letters: the Russian stemmer cuts nonsense down to short stems of common
 *   words ("егиу" -> "ег"), which prove nothing.
 * When both readings pass (it takes a message that is Russian either way), the one with the larger share
 * of known words wins, the keyboard swap on a tie.
 */
import { fromEnglishLayout } from './analysis/layout.ts';
import { stemToken } from './analysis/stemmers.ts';
import { fromTranslit } from './analysis/translit.ts';
import { isEnglishFunctionWord, isEnglishWord, isTranslitTwin } from './analysis/english-words.ts';
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
const MAX_WORDS = 60;
// Longer runs without spaces are not words (a hash, a path, pasted data), and reading them costs time.
const MAX_WORD_LENGTH = 40;

export function russianReading(typed: string, vocabulary: Vocabulary): string {
  if (CYRILLIC.test(typed)) return typed;
  const parts = typed.split(/(\s+)/);
  const latinWords = parts.filter((p) => LATIN.test(p)).length;
  if (latinWords < MIN_WORDS || latinWords > MAX_WORDS) return typed;
  if (looksEnglish(parts) || vocabulary.knownShare(typed) >= KNOWN_ENOUGH) return typed;
  let best: Reading | undefined;
  for (const convert of CONVERSIONS) {
    const reading = readWith(parts, convert, vocabulary);
    if (reading && (!best || reading.knownShare > best.knownShare)) best = reading;
  }
  return best?.text ?? typed;
}

/**
 * At least half of the message's Latin words are English words or English-only function words; words
 * that read both ways ("no", "on", "my") count for neither ("no sound on my video" is English).
 */
function looksEnglish(parts: ReadonlyArray<string>): boolean {
  let words = 0;
  let english = 0;
  for (const part of parts) {
    if (keepAsTyped(part)) continue;
    for (const token of tokenize(part)) {
      if (isTranslitTwin(token)) continue;
      words += 1;
      if (isEnglishFunctionWord(token) || isEnglishWord(token)) english += 1;
    }
  }
  return words > 0 && english >= words * KNOWN_ENOUGH;
}

/** A part no reading converts: no Latin letters, digits, "@", "://", or too long to be a word. */
function keepAsTyped(part: string): boolean {
  return !LATIN.test(part) || KEEP_AS_TYPED.test(part) || part.length > MAX_WORD_LENGTH;
}

interface Reading {
  text: string;
  /** Share of the converted words that read as known Russian. */
  knownShare: number;
}

/**
 * Readings of one whitespace-free part: the layout swap maps every key, punctuation included ("gfhjkm,"
 * is "парольб"); transliteration converts only the runs of letters ("parol," -> "парол,"). Ties go to
 * the first.
 */
const CONVERSIONS: ReadonlyArray<(part: string) => string> = [
  (part) => fromEnglishLayout(part) ?? part,
  (part) => part.replace(/[a-z']+/gi, (run) => fromTranslit(run) ?? run),
];

/** The message with its unknown Latin words converted, if that reading passes the rules above. */
function readWith(parts: ReadonlyArray<string>, convert: (part: string) => string, vocabulary: Vocabulary): Reading | undefined {
  const known = (token: string): boolean => {
    const stem = stemToken(token);
    return stem.length >= MIN_STEM && vocabulary.knowsStem(stem);
  };
  let converted = 0;
  let russian = 0;
  let content = 0;
  let knownContent = 0;
  let anchored = false;
  const read = parts.map((part) => {
    if (keepAsTyped(part)) return part;
    const asTyped = tokenize(part);
    if (asTyped.length > 0 && asTyped.every(known)) return part;
    const word = convert(part);
    const tokens = tokenize(word);
    converted += 1;
    let allRussian = tokens.length > 0;
    for (const t of tokens) {
      if (isStopWord(t)) continue;
      content += 1;
      const stem = stemToken(t);
      if (stem.length >= MIN_STEM && vocabulary.knowsStem(stem)) {
        knownContent += 1;
        if (stem.length >= MIN_ANCHOR) anchored = true;
      } else allRussian = false;
    }
    if (allRussian) russian += 1;
    return word;
  });
  // Short English words transliterate into Russian stop words ("on my" -> "он мы", "to" -> "то"), so the
  // words that carry meaning must read as known Russian on their own too.
  if (converted === 0 || !anchored || russian < converted * KNOWN_ENOUGH || knownContent < content * KNOWN_ENOUGH) return undefined;
  return { text: read.join(''), knownShare: russian / converted };
}
