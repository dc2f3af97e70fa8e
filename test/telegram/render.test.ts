import { describe, expect, it } from 'vitest';
import type { TicketCard } from '../../core/model/delivery.ts';
import { decodeAgentButton } from '../../bots/telegram/agent-buttons.ts';
import { renderAgentNotice, renderTicketCard, topicName } from '../../bots/telegram/render/agent-notice.ts';
import { renderKeyboard } from '../../bots/telegram/render/keyboard.ts';
import { renderReply } from '../../bots/telegram/render/reply.ts';
import { escapeHtml } from '../../bots/telegram/render/rich-text.ts';
import { splitText, TELEGRAM_TEXT_LIMIT } from '../../bots/telegram/render/split.ts';
import { parseTelegramHtml } from '../fakes/telegram-api/html.ts';
import { astralWord, randomText, seededRandom } from './support/random-text.ts';

/** What Telegram would show for one HTML part; fails the test on HTML Telegram would refuse. */
function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(`Telegram would refuse: ${parsed.error}\n${html.slice(0, 200)}`);
  return parsed.text;
}

function isLoneSurrogateAtEdge(part: string): boolean {
  const first = part.charCodeAt(0);
  const last = part.charCodeAt(part.length - 1);
  return (first >= 0xdc00 && first <= 0xdfff) || (last >= 0xd800 && last <= 0xdbff);
}

describe('splitText', () => {
  it('leaves short text alone', () => {
    expect(splitText('hello')).toEqual(['hello']);
    expect(splitText('')).toEqual(['']);
    expect(splitText('x'.repeat(4096))).toEqual(['x'.repeat(4096)]);
  });

  it('prefers paragraph, then line, then word boundaries', () => {
    const paragraphs = `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}`;
    expect(splitText(paragraphs)).toEqual([`${'a'.repeat(3000)}\n\n`, 'b'.repeat(3000)]);
    const lines = `${'a'.repeat(3000)}\n${'b'.repeat(3000)}`;
    expect(splitText(lines)).toEqual([`${'a'.repeat(3000)}\n`, 'b'.repeat(3000)]);
    const words = `${'word '.repeat(1000)}end`;
    const parts = splitText(words);
    expect(parts[0]!.endsWith('word ')).toBe(true);
    expect(parts.every((part) => part.startsWith('word') || part === 'end')).toBe(true);
  });

  it('counts UTF-16 code units and never splits a surrogate pair or an emoji', () => {
    const parts = splitText(astralWord(9000));
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(isLoneSurrogateAtEdge(part)).toBe(false);
    }
    const family = '👩‍👩‍👧‍👦'.repeat(1000); // 11 code units per grapheme, no spaces
    for (const part of splitText(family)) expect(part.length % 11).toBe(0);
  });

  it('keeps every part within the limit and concatenates back to the input (random texts up to 20,000)', () => {
    const random = seededRandom(20240601);
    for (let run = 0; run < 60; run++) {
      const text = randomText(random, Math.floor(random() * 20_000));
      const parts = splitText(text);
      expect(parts.join('')).toBe(text);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
        expect(isLoneSurrogateAtEdge(part)).toBe(false);
      }
    }
  });
});

describe('renderReply', () => {
  it('escapes user and knowledge-base text and puts the title in bold', () => {
    const rendered = renderReply({ title: 'VPN <setup> & more', text: 'Type <script>alert(1)</script> & press "OK"' });
    expect(rendered.parts).toEqual(['<b>VPN &lt;setup&gt; &amp; more</b>\n\nType &lt;script&gt;alert(1)&lt;/script&gt; &amp; press "OK"']);
    expect(visible(rendered.parts[0]!)).toBe('VPN <setup> & more\n\nType <script>alert(1)</script> & press "OK"');
  });

  it('splits 20,000 characters of specials and emoji into valid parts that show the text unchanged', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 20; run++) {
      const title = randomText(random, 40);
      const text = randomText(random, 20_000);
      const rendered = renderReply({ title, text });
      const shown = rendered.parts.map(visible);
      for (const part of shown) expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      for (const html of rendered.parts) expect(html.match(/<b>/g)?.length ?? 0).toBe(html.match(/<\/b>/g)?.length ?? 0);
      expect(shown.join('')).toBe(`${title}\n\n${text}`);
    }
  });

  it('splits a long bold title into bold pieces, each part balanced', () => {
    const rendered = renderReply({ title: 'T&'.repeat(3000), text: 'body' });
    expect(rendered.parts).toHaveLength(2);
    for (const html of rendered.parts) expect(html.startsWith('<b>')).toBe(true);
    expect(rendered.parts.map(visible).join('')).toBe(`${'T&'.repeat(3000)}\n\nbody`);
  });

  it('puts the buttons on an inline keyboard and drops payloads Telegram would refuse', () => {
    const rendered = renderReply({
      text: 'Did this help?',
      buttons: [[{ label: 'Yes', payload: 'fb:y' }, { label: 'No', payload: 'fb:n' }], [{ label: 'Too long', payload: 'я'.repeat(33) }]],
    });
    expect(rendered.keyboard).toEqual({ inline_keyboard: [[{ text: 'Yes', callback_data: 'fb:y' }, { text: 'No', callback_data: 'fb:n' }]] });
    expect(rendered.dropped).toEqual([{ label: 'Too long', payload: 'я'.repeat(33) }]);
    expect(renderKeyboard([[{ label: ' ', payload: 'x'.repeat(64) }]]).markup).toEqual({ inline_keyboard: [[{ text: '…', callback_data: 'x'.repeat(64) }]] });
  });

  it('never produces an empty message', () => {
    expect(renderReply({ text: '' }).parts).toEqual(['…']);
    expect(renderReply({ text: '\n\n   ' }).parts).toEqual(['…']);
  });
});

const card: TicketCard = {
  ticketId: 'tk_01HZX',
  number: 'FL-000123',
  subject: 'VPN <drops> & reconnects',
  status: 'escalated',
  priority: 'high',
  category: 'network',
  type: 'incident',
  language: 'ru',
  requesterName: 'Алиса <admin>',
  requesterChannel: 'telegram',
  firstResponseDue: '2024-06-01T13:00:00.000Z',
  resolutionDue: '2024-06-02T12:00:00.000Z',
  triedArticle: { key: 'vpn-reconnect', title: 'VPN keeps reconnecting' },
  transcript: [
    { from: 'requester', text: 'VPN drops every 5 min', at: '2024-06-01T11:58:00.000Z' },
    { from: 'bot', text: 'Try <this> article', at: '2024-06-01T11:58:01.000Z' },
  ],
};

describe('agent notices', () => {
  it('renders the ticket card with its facts, escaped, and Take / Resolve buttons carrying the ticket id', () => {
    const rendered = renderTicketCard(card, 'Escalated: did not help');
    expect(rendered.parts).toHaveLength(1);
    const text = visible(rendered.parts[0]!);
    for (const fact of ['FL-000123', 'VPN <drops> & reconnects', 'Алиса <admin>', 'high', 'network', '2024-06-01 13:00 UTC', 'VPN keeps reconnecting', 'did not help', 'Try <this> article']) {
      expect(text).toContain(fact);
    }
    const buttons = rendered.keyboard!.inline_keyboard[0]!.map((button) => ('callback_data' in button ? decodeAgentButton(button.callback_data) : undefined));
    expect(buttons).toEqual([{ action: 'take', ticketId: 'tk_01HZX' }, { action: 'resolve', ticketId: 'tk_01HZX' }]);
  });

  it('shortens a card with a huge transcript to one message, keeping the latest entries', () => {
    const transcript = Array.from({ length: 40 }, (_, i) => ({ from: 'requester' as const, text: `message ${i} ${'x'.repeat(900)}`, at: '2024-06-01T11:58:00.000Z' }));
    const rendered = renderTicketCard({ ...card, transcript });
    expect(rendered.parts).toHaveLength(1);
    const text = visible(rendered.parts[0]!);
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(text).toContain('message 39');
    expect(text).not.toContain('message 0 ');
  });

  it('renders a requester message for the ticket topic, escaped', () => {
    const rendered = renderAgentNotice({ kind: 'requester_message', card, text: 'still <broken> & sad 😢', attachments: 2 });
    expect(visible(rendered.parts[0]!)).toBe('Алиса <admin>: still <broken> & sad 😢\n📎 2 attachment(s)');
  });

  it('names forum topics by number and subject within 128 characters', () => {
    expect(topicName(card)).toBe('FL-000123 VPN <drops> & reconnects');
    expect(topicName({ ...card, subject: 's'.repeat(500) }).length).toBeLessThanOrEqual(128);
  });

  it('escapes HTML specials everywhere', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href="x"&gt;&amp;&lt;/a&gt;');
  });
});
