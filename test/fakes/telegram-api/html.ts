/**
 * Parses Telegram-HTML the way the Bot API does, enough to refuse what the real one refuses: unknown or
 * unbalanced tags and bad entities -> "can't parse entities". Returns the visible text, whose UTF-16
 * length is what the 4096 limit counts.
 */
const ALLOWED = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export type HtmlParse = { ok: true; text: string } | { ok: false; error: string };

export function parseTelegramHtml(html: string): HtmlParse {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const char = html[i]!;
    if (char === '<') {
      const end = html.indexOf('>', i);
      if (end === -1) return { ok: false, error: `Unclosed start tag at byte offset ${i}` };
      const tag = html.slice(i + 1, end).trim();
      const closing = tag.startsWith('/');
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]!.toLowerCase();
      if (!ALLOWED.has(name)) return { ok: false, error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name) return { ok: false, error: `Unmatched end tag at byte offset ${i}, expected "</${stack.at(-1) ?? ''}>"` };
      } else {
        stack.push(name);
      }
      i = end + 1;
    } else if (char === '&') {
      const end = html.indexOf(';', i);
      const entity = end === -1 ? '' : html.slice(i + 1, end);
      const decoded = decodeEntity(entity);
      if (decoded === undefined) {
        text += '&'; // Telegram accepts a lone '&' as text
        i += 1;
      } else {
        text += decoded;
        i = end + 1;
      }
    } else if (char === '>') {
      text += '>';
      i += 1;
    } else {
      text += char;
      i += 1;
    }
  }
  if (stack.length) return { ok: false, error: `Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { ok: true, text };
}

function decodeEntity(entity: string): string | undefined {
  if (NAMED[entity]) return NAMED[entity];
  const numeric = /^#(x[0-9a-f]+|\d+)$/i.exec(entity);
  if (!numeric) return undefined;
  const code = numeric[1]!.startsWith('x') || numeric[1]!.startsWith('X') ? parseInt(numeric[1]!.slice(1), 16) : parseInt(numeric[1]!, 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
