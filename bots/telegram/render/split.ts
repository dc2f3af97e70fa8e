/**
 * Splits styled text into parts Telegram accepts: at most 4096 characters after entity parsing, counted
 * in UTF-16 code units (what `String.length` counts). Breaks at a paragraph, else a line, else a word
 * boundary; a hard cut lands on a grapheme boundary, never inside a surrogate pair. The separator stays
 * at the end of the earlier part, so the parts concatenate back to the input exactly.
 */
import type { Run } from './rich-text.ts';

export const TELEGRAM_TEXT_LIMIT = 4096;

export function splitRuns(runs: readonly Run[], limit = TELEGRAM_TEXT_LIMIT): Run[][] {
  const text = runs.map((run) => run.text).join('');
  const cuts = splitPoints(text, limit);
  const parts: Run[][] = [];
  let from = 0;
  for (const to of cuts) {
    parts.push(sliceRuns(runs, from, to));
    from = to;
  }
  return parts;
}

/** Plain-text convenience over `splitRuns`. */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return splitPoints(text, limit).map((to, index, cuts) => text.slice(index === 0 ? 0 : cuts[index - 1], to));
}

/** End offsets of each part. */
export function splitPoints(text: string, limit = TELEGRAM_TEXT_LIMIT): number[] {
  if (limit < 2) throw new RangeError('limit must allow at least one surrogate pair');
  const cuts: number[] = [];
  let start = 0;
  while (text.length - start > limit) {
    start += breakWithin(text, start, limit);
    cuts.push(start);
  }
  cuts.push(text.length);
  return cuts;
}

/** Length of the next part starting at `start`, which has more than `limit` characters left. */
function breakWithin(text: string, start: number, limit: number): number {
  const window = text.slice(start, start + limit);
  const half = Math.floor(limit / 2);
  const paragraph = window.lastIndexOf('\n\n', limit - 2);
  if (paragraph >= half) return paragraph + 2;
  const line = window.lastIndexOf('\n', limit - 1);
  if (line >= half) return line + 1;
  for (let i = limit - 1; i > 0; i--) {
    if (/\s/.test(window[i]!)) return i + 1;
  }
  return graphemeCut(text, start, limit);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The last grapheme boundary at or before `start + limit` (and after `start`). */
function graphemeCut(text: string, start: number, limit: number): number {
  const end = start + limit;
  const from = Math.max(start, end - 64);
  const probe = text.slice(from, Math.min(text.length, end + 64));
  let best = 0;
  for (const { index } of segmenter.segment(probe)) {
    if (index === 0 && from > start) continue; // the probe's own start is not a known boundary
    const offset = from + index - start;
    if (offset > limit) break;
    if (offset > 0) best = offset;
  }
  if (best > 0) return best;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function sliceRuns(runs: readonly Run[], from: number, to: number): Run[] {
  const out: Run[] = [];
  let offset = 0;
  for (const run of runs) {
    const runStart = offset;
    const runEnd = offset + run.text.length;
    offset = runEnd;
    if (runEnd <= from || runStart >= to) continue;
    const text = run.text.slice(Math.max(0, from - runStart), Math.min(run.text.length, to - runStart));
    if (text) out.push(run.style ? { text, style: run.style } : { text });
  }
  return out;
}
