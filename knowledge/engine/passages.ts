/**
 * Article bodies as training passages: their sentences and list items. Users describe their problem in
 * the words the article uses ("GlobalProtect says authentication failed", "my FollowMe job is not in the
 * list"), and example questions never cover all of them; each passage teaches the models that vocabulary
 * for its article.
 *
 * Measured on knowledge/eval/starter-heldout.jsonl (392 help-desk questions for the starter base, written
 * from article titles and bodies without their example questions; 126 of them out of scope), right and
 * confident answers: 76.7% without the body, 78.6% with the whole body as one text, 86.1% with passages;
 * out-of-scope questions handed off: 89.7% in all three. starter-heldout-2.jsonl (290 chat messages by an
 * author who saw only titles and first lines, written after this choice): 84.7% -> 87.9% right and
 * confident, 100% -> 97% handed off. Variants (passages of 12+ letters, fewer per article) traded answers
 * for hand-offs without a clear winner.
 *
 * A sentence found in several articles (the closing "If this did not help, press..." of every article)
 * tells none of them apart; kept, it made bare instruction words confident answers ("restart" -> a
 * random article at 0.79), so it is left out.
 */
import type { Article } from '../types.ts';

// Shorter pieces are headings, step numbers or short steps that carry no topic of their own.
const MIN_LETTERS = 20;
// Bounds the build of a base with very long articles (it grows with the number of training texts): the
// first passages hold the symptom and the main fix. The starter base's articles have 8-13 passages.
export const MAX_PASSAGES = 24;
// A passage longer than this (a table row, a pasted log line) is cut at a word boundary.
const MAX_CHARS = 300;

const CODE_FENCE = /```[\s\S]*?(?:```|$)/g;
const MARKDOWN_LINK = /!?\[([^\]]*)\]\([^)]*\)/g;
const URL_LIKE = /\S+:\/\/\S+/g;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)]|\|)\s*/;
const LETTER = /\p{L}/gu;

/** The passages of one body, in order, at most MAX_PASSAGES. */
export function bodyPassages(body: string): string[] {
  const text = body.replace(/\r\n?/g, '\n').replace(CODE_FENCE, '\n\n').replace(MARKDOWN_LINK, '$1').replace(URL_LIKE, ' ');
  const out: string[] = [];
  for (const item of items(text)) {
    for (const sentence of sentences(item)) {
      if ((sentence.match(LETTER)?.length ?? 0) < MIN_LETTERS) continue;
      out.push(cut(sentence));
      if (out.length === MAX_PASSAGES) return out;
    }
  }
  return out;
}

/** Passages of each article (same order), leaving out those found in more than one article id. */
export function articlePassages(articles: ReadonlyArray<Article>): string[][] {
  const perArticle = articles.map((a) => bodyPassages(a.body));
  const owners = new Map<string, Set<string>>();
  perArticle.forEach((passages, i) => {
    for (const p of passages) {
      const key = normal(p);
      const ids = owners.get(key) ?? new Set<string>();
      ids.add(articles[i]!.id);
      owners.set(key, ids);
    }
  });
  return perArticle.map((passages) => passages.filter((p) => owners.get(normal(p))!.size === 1));
}

/** Paragraphs and list items; lines wrapped inside a paragraph or an item are joined. */
function items(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let current = '';
    for (const line of block.split('\n')) {
      if (LIST_ITEM.test(line) && current) {
        out.push(current);
        current = '';
      }
      current = current ? `${current} ${line.trim()}` : line.trim();
    }
    if (current) out.push(current);
  }
  return out;
}

/**
 * Sentences of an item: split after ".", "!" or "?" and a space, except after a word of one or two letters
 * or a number ("e.g.", "т.е.", "см.", "2."), which is an abbreviation or a step number, not a sentence end.
 */
function sentences(item: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const match of item.matchAll(/[.!?]\s+/g)) {
    const end = match.index + 1;
    const lastWord = item.slice(start, end).split(/\s/).pop() ?? '';
    if ((lastWord.match(LETTER)?.length ?? 0) <= 2) continue;
    out.push(item.slice(start, end).trim());
    start = match.index + match[0].length;
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

function normal(passage: string): string {
  return passage.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
