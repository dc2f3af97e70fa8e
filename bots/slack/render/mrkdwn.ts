/**
 * Plain text -> Slack mrkdwn that shows exactly what was typed: `&`, `<`, `>` become entities (so a
 * user's `<!channel>` or `<@U1>` is shown, never executed), bare http(s) URLs become explicit links, and
 * text objects are `verbatim` (Slack does not auto-parse mentions in them). Long texts are split into
 * section-sized chunks whose rendered length stays within Slack's 3,000-character limit.
 */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type MrkdwnText = types.MrkdwnElement;

/** Slack's limit for a section's text. */
export const SECTION_TEXT_LIMIT = 3000;
/** Slack's limit of blocks in one message. */
export const MESSAGE_BLOCK_LIMIT = 50;

const URL_TOKEN = /^https?:\/\/[^\s<>|]+$/;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]/;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A URL token becomes a link, trailing punctuation stays outside it. Linear time: a lazy regex for the
 * same split was quadratic on tokens like "https://" + many ")" (seconds of blocked event loop at 40k).
 */
function renderToken(token: string): string {
  if (!URL_TOKEN.test(token)) return escapeMrkdwn(token);
  let end = token.length;
  while (end > 0 && TRAILING_PUNCTUATION.test(token[end - 1]!)) end--;
  const url = token.slice(0, end);
  if (url.length <= 'https://'.length) return escapeMrkdwn(token);
  return `<${escapeMrkdwn(url)}>${escapeMrkdwn(token.slice(end))}`;
}

function tokens(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

/** @example plainToMrkdwn('<!channel> R&D: https://wiki/x?a=1&b=2') // '&lt;!channel&gt; R&amp;D: <https://wiki/x?a=1&amp;b=2>' */
export function plainToMrkdwn(text: string): string {
  return tokens(text).map(renderToken).join('');
}

export function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** Splits plain text into chunks whose rendered (escaped) length is at most `limit`; breaks at whitespace when it can. */
export function chunkPlain(text: string, limit = SECTION_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let current = '';
  let currentLength = 0;
  const flush = (): void => {
    if (current.trim() !== '') chunks.push(current.trim());
    current = '';
    currentLength = 0;
  };
  for (const token of tokens(text)) {
    const length = renderToken(token).length;
    if (currentLength + length <= limit) {
      current += token;
      currentLength += length;
      continue;
    }
    flush();
    if (length <= limit) {
      current = token;
      currentLength = length;
      continue;
    }
    for (const char of Array.from(token)) {
      const charLength = escapeMrkdwn(char).length;
      if (currentLength + charLength > limit) flush();
      current += char;
      currentLength += charLength;
    }
  }
  flush();
  return chunks;
}

/**
 * Section blocks for a plain text, at most `maxSections` (the last one marked as cut when more was
 * needed); `limit` is the rendered size of each chunk (2 below Slack's limit leaves room for the cut mark).
 */
export function textSections(text: string, maxSections = MESSAGE_BLOCK_LIMIT, limit = SECTION_TEXT_LIMIT - 2): Block[] {
  const chunks = chunkPlain(text, limit);
  const kept = chunks.slice(0, Math.max(1, maxSections));
  const cut = chunks.length > kept.length;
  return kept.map((chunk, i) => ({
    type: 'section',
    text: mrkdwn(plainToMrkdwn(chunk) + (cut && i === kept.length - 1 ? ' …' : '')),
  }));
}

/** A plain text shortened to `max` characters (code points), for fallbacks, headers and labels. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The top-level `text` of a message: notifications and clients without blocks. */
export function fallbackText(text: string, max = 2900): string {
  return plainToMrkdwn(truncate(text.replace(/\s+/g, ' ').trim(), max)) || ' ';
}

/** A Slack date token: shown in each reader's own time zone, with the ISO text as fallback. */
export function slackDate(iso: string | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}
