/**
 * Article bodies as training passages: their sentences and list items. Users describe their problem in
 * the words the article uses ("GlobalProtect says authentication failed", "my FollowMe job is not in the
 * list"), and example questions never cover all of them; each passage teaches the models that vocabulary
 * for its article.
 *
 * Measured on knowledge/eval/starter-heldout.jsonl (392 help-desk questions for the starter base, written
 * from article titles and bodies without their example questions; 126 of them out of scope), right and
 * confident answers: 76.7% without the body, 78.6% with the whole body as one text, 86-88% with passages;
 * out-of-scope questions handed off: 89.7% without, 88-90% with. starter-heldout-2.jsonl (290 chat
 * messages by an author who saw only titles and first lines, written after this choice) gives the
 * figures in README.md. Variants (passages of 12+ letters, fewer per article) traded answers for
 * hand-offs without a clear winner.
 *
 * A sentence found in several articles (the closing "If this did not help, press..." of every article)
 * tells none of them apart; kept, it made bare instruction words confident answers ("restart" -> a
 * random article at 0.79), so it is left out.
 *
 * Bodies are written by people and may be huge or odd (a pasted log, an unclosed bracket): everything
 * here is linear in the body's length, and only its first MAX_BODY characters are read.
 */
import type { Article } from '../types.ts';

// Shorter pieces are headings, step numbers or short steps that carry no topic of their own.
const MIN_LETTERS = 20;
// Bounds the build of a base with very long articles (it grows with the number of training texts): the
// first passages hold the symptom and the main fix. The starter base's articles have 8-13 passages.
export const MAX_PASSAGES = 24;
// A passage longer than this (a table row, a pasted log line) is cut at a word boundary.
const MAX_CHARS = 300;
// 24 passages of 300 characters need far less; the rest of a longer body is never read.
const MAX_BODY = 20_000;

// Quantifiers are bounded so that no pattern can backtrack across a long run of text.
const MARKDOWN_LINK = /!?\[([^\]\n]{0,300})\]\([^)\s]{0,2000}\)/g;
const URL_LIKE = /\b[a-z][a-z0-9+.-]{0,30}:\/\/\S*[^\s.,;:!?)\]»"']/gi;
const FENCE = /^\s*(```|~~~)/;
const HEADING = /^\s*#{1,6}\s+/;
const LIST_MARKER = /^\s*(?:[-*+]|\d{1,3}[.)])\s+(?!\d)/;
const TABLE_ROW = /^\s*\|/;
const SENTENCE_END = /[.!?]+\s+/g;
const LETTER = /\p{L}/gu;
const LOWER_START = /^\p{Ll}/u;
// Words with a full stop that do not end a sentence.
const ABBREVIATIONS = new Set(['e.g.', 'i.e.', 'vs.', 'approx.', 'т.е.', 'т.д.', 'т.п.', 'т.к.', 'см.', 'стр.', 'напр.', 'др.', 'гл.', 'ок.']);

/** The passages of one body, in order, at most MAX_PASSAGES. */
export function bodyPassages(body: string): string[] {
  return allPassages(body).slice(0, MAX_PASSAGES);
}

/** Passages of each article (same order), leaving out those found in more than one article id. */
export function articlePassages(articles: ReadonlyArray<Article>): string[][] {
  const perArticle = articles.map((a) => allPassages(a.body));
  const owners = new Map<string, Set<string>>();
  perArticle.forEach((passages, i) => {
    for (const p of passages) {
      const key = normal(p);
      const ids = owners.get(key) ?? new Set<string>();
      ids.add(articles[i]!.id);
      owners.set(key, ids);
    }
  });
  return perArticle.map((passages) => passages.filter((p) => owners.get(normal(p))!.size === 1).slice(0, MAX_PASSAGES));
}

function allPassages(body: string): string[] {
  const out: string[] = [];
  for (const item of items(body.slice(0, MAX_BODY))) {
    const text = item.replace(MARKDOWN_LINK, '$1').replace(URL_LIKE, ' ');
    for (const sentence of sentences(text)) {
      if ((sentence.match(LETTER)?.length ?? 0) >= MIN_LETTERS) out.push(cut(sentence));
    }
  }
  return out;
}

/**
 * Paragraphs, list items, table rows and headings, markers removed; lines wrapped inside a paragraph or
 * an item are joined; fenced code is left out.
 */
function items(body: string): string[] {
  const out: string[] = [];
  let current = '';
  let inFence = false;
  const flush = (): void => {
    if (current) out.push(current);
    current = '';
  };
  for (const raw of body.split(/\r\n?|\n/)) {
    if (FENCE.test(raw)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (!raw.trim()) {
      flush();
      continue;
    }
    let line = raw.trim();
    if (HEADING.test(line) || TABLE_ROW.test(line)) {
      flush();
      current = line.replace(HEADING, '').replace(/\|/g, ' ').trim();
      flush();
      continue;
    }
    if (LIST_MARKER.test(line)) {
      flush();
      line = line.replace(LIST_MARKER, '');
    }
    current = current ? `${current} ${line}` : line;
  }
  flush();
  return out;
}

/**
 * Sentences of an item: split after ".", "!" or "?" and a space, except after an abbreviation ("e.g.",
 * "т.е.") or a single letter (an initial), or when the next word starts in lower case.
 */
function sentences(item: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const match of item.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].trimEnd().length;
    const next = match.index + match[0].length;
    if (match[0].startsWith('.') && !match[0].startsWith('..')) {
      const wordStart = item.lastIndexOf(' ', match.index) + 1;
      const word = item.slice(Math.max(wordStart, start), end).toLowerCase();
      if (ABBREVIATIONS.has(word) || /^\p{L}\.$/u.test(word) || LOWER_START.test(item.slice(next, next + 1))) continue;
    }
    out.push(item.slice(start, end).trim());
    start = next;
  }
  const rest = item.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

function cut(passage: string): string {
  if (passage.length <= MAX_CHARS) return passage;
  const at = passage.lastIndexOf(' ', MAX_CHARS);
  return passage.slice(0, at > 0 ? at : MAX_CHARS);
}

/** Case, punctuation and spacing folded, so the same sentence matches however it was typed. */
function normal(passage: string): string {
  return passage.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
