import { describe, expect, it } from 'vitest';
import type { TicketCard } from '../../core/model/delivery.ts';
import { renderAppHome } from '../../bots/slack/render/app-home.ts';
import { SECTION_TEXT_LIMIT, chunkPlain, plainToMrkdwn, type Block } from '../../bots/slack/render/mrkdwn.ts';
import { renderReply } from '../../bots/slack/render/reply.ts';
import { renderThreadNotice, renderTicketCard } from '../../bots/slack/render/ticket-card.ts';

function sectionTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

/** Every mrkdwn string of a message (plain_text objects are shown literally by Slack and need no escaping). */
function mrkdwnStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnStrings);
  if (typeof value !== 'object' || value === null) return [];
  const own = (value as { type?: unknown }).type === 'mrkdwn' ? [String((value as { text?: unknown }).text)] : [];
  return [...own, ...Object.values(value).flatMap(mrkdwnStrings)];
}

/** Reverses our escaping, to check nothing was lost or reordered. */
function unescape(text: string): string {
  return text.replace(/<(https?:[^>]+)>/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export const card: TicketCard = {
  ticketId: 't-1',
  number: 'FL-000123',
  subject: 'VPN <!channel> & error 809',
  status: 'escalated',
  priority: 'P2',
  category: 'network',
  type: 'incident',
  language: 'en',
  requesterName: 'Ann <@U999>',
  requesterChannel: 'telegram',
  firstResponseDue: '2024-05-01T10:00:00.000Z',
  resolutionDue: '2024-05-02T10:00:00.000Z',
  triedArticle: { key: 'en/vpn-809', title: 'VPN error 809' },
  transcript: [
    { from: 'requester', text: 'VPN fails <!here>', at: '2024-05-01T09:00:00.000Z' },
    { from: 'bot', text: 'Try this article', at: '2024-05-01T09:00:01.000Z' },
  ],
};

describe('reply rendering', () => {
  it('escapes mrkdwn so user text never pings or links', () => {
    const out = renderReply({ title: 'Hi <@U1>', text: 'Hello <!channel> & <https://evil|click>' });
    const all = [out.text, ...sectionTexts(out.blocks)].join('\n');
    expect(all).not.toMatch(/<!channel>|<@U1>|<https:\/\/evil\|/);
    expect(sectionTexts(out.blocks)).toEqual(['*Hi &lt;@U1&gt;*', 'Hello &lt;!channel&gt; &amp; &lt;https://evil|click&gt;']);
    expect(out.blocks.every((b) => b.type !== 'section' || b.text?.type !== 'mrkdwn' || b.text.verbatim === true)).toBe(true);
  });

  it('turns bare URLs into explicit links with & escaped', () => {
    expect(plainToMrkdwn('see https://wiki.test/a?b=1&c=2.')).toBe('see <https://wiki.test/a?b=1&amp;c=2>.');
  });

  it('splits 40,000 characters with specials into valid sections that keep the whole text', () => {
    const text = Array.from({ length: 4000 }, (_, i) => (i % 7 === 0 ? '&<>&<> ' : `word${i} `)).join('').slice(0, 40_000);
    const out = renderReply({ text });
    const sections = sectionTexts(out.blocks);
    expect(sections.length).toBeGreaterThan(13);
    expect(out.blocks.length).toBeLessThanOrEqual(50);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    expect(sections.map(unescape).join(' ').replace(/\s+/g, ' ')).toBe(text.trim().replace(/\s+/g, ' '));
    expect(out.text.length).toBeLessThanOrEqual(40_000);
  });

  it('hard-splits a single huge token without breaking an entity or a surrogate pair', () => {
    const chunks = chunkPlain('&'.repeat(1000) + '😀'.repeat(3000), 3000);
    expect(chunks.join('')).toBe('&'.repeat(1000) + '😀'.repeat(3000));
    for (const chunk of chunks) expect(plainToMrkdwn(chunk).length).toBeLessThanOrEqual(3000);
  });

  it('renders button rows as actions blocks whose values are the payloads', () => {
    const out = renderReply({ text: 'Did it help?', buttons: [[{ label: 'Yes', payload: 'fb:y' }, { label: 'No', payload: 'fb:n' }]] });
    const actions = out.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'fl_choice_0_0', value: 'fb:y', text: { text: 'Yes' } },
        { type: 'button', action_id: 'fl_choice_0_1', value: 'fb:n', text: { text: 'No' } },
      ],
    });
  });
});

describe('triage post', () => {
  it('shows the facts, SLA, article, transcript and the controls; escapes everything from users', () => {
    const out = renderTicketCard(card, { categories: ['network', 'email'], notePrefix: '//', reason: 'user pressed "did not help"' });
    const json = JSON.stringify(out);
    const marked = [out.text, ...mrkdwnStrings(out.blocks)];
    expect(marked.length).toBeGreaterThan(10);
    for (const text of marked) expect(text).not.toMatch(/<!channel>|<!here>|<@U999>/);
    expect(out.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'FL-000123 · VPN <!channel> & error 809' } });
    expect(json).toContain('<!date^1714557600^{date_short_pretty} {time}|2024-05-01T10:00:00.000Z>');
    expect(json).toContain('VPN error 809');
    expect(json).toContain('VPN fails &lt;!here&gt;');
    const actions = out.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      block_id: 'fl_ticket:t-1',
      elements: [
        { action_id: 'fl_take', value: 't-1' },
        { action_id: 'fl_resolve', value: 't-1' },
        { action_id: 'fl_priority', initial_option: { value: 'P2' }, options: [{ value: 'P1' }, { value: 'P2' }, { value: 'P3' }, { value: 'P4' }] },
        { action_id: 'fl_category', initial_option: { value: 'network' } },
      ],
    });
  });

  it('shows who took it and offers Release; a resolved ticket has no controls', () => {
    const taken = renderTicketCard({ ...card, status: 'assigned', assigneeName: 'Bob' }, { categories: ['network'], notePrefix: '//' });
    expect(JSON.stringify(taken)).toContain('*Taken by*\\nBob');
    expect(taken.blocks.find((b) => b.type === 'actions')).toMatchObject({ elements: [{ action_id: 'fl_release' }, {}, {}, {}] });
    const resolved = renderTicketCard({ ...card, status: 'resolved' }, { categories: ['network'], notePrefix: '//' });
    expect(resolved.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('renders a requester message for the thread, escaped', () => {
    const out = renderThreadNotice({ kind: 'requester_message', card, text: 'still broken <!channel>', attachments: 2 });
    expect(sectionTexts(out.blocks)[0]).toBe('*Ann &lt;@U999&gt;:* still broken &lt;!channel&gt; (+2 attachments)');
  });
});

describe('App Home', () => {
  it('lists open tickets first, newest first, with SLA due, then closed ones', () => {
    const view = renderAppHome(
      [
        { number: 'FL-1', subject: 'old closed', status: 'closed', priority: 'P3', updatedAt: '2024-05-01T00:00:00Z' },
        { number: 'FL-2', subject: 'printer <b>', status: 'in_progress', priority: 'P2', updatedAt: '2024-05-02T00:00:00Z', resolutionDue: '2024-05-03T00:00:00Z' },
        { number: 'FL-3', subject: 'newest', status: 'assigned', priority: 'P1', updatedAt: new Date('2024-05-04T00:00:00Z') },
      ],
      'en',
    );
    expect(view.type).toBe('home');
    const texts = sectionTexts(view.blocks as Block[]);
    expect(texts.map((t) => t.split(' ')[0])).toEqual(['*Open*', '*FL-3*', '*FL-2*', '*Recently', '*FL-1*']);
    expect(texts[2]).toContain('printer &lt;b&gt;');
    expect(texts[2]).toContain('due <!date^1714694400');
    expect(texts[4]).not.toContain('due');
  });

  it('says so when there are no tickets, in Russian too', () => {
    expect(JSON.stringify(renderAppHome([], 'ru'))).toContain('У вас пока нет заявок.');
  });
});

describe('linkifying stays linear', () => {
  it('renders a 40,000-character URL-like token of closing brackets quickly', async () => {
    const { plainToMrkdwn } = await import('../../bots/slack/render/mrkdwn.ts');
    const token = `https://${')'.repeat(40_000)}x`;
    const started = performance.now();
    const out = plainToMrkdwn(token);
    expect(performance.now() - started).toBeLessThan(200);
    expect(out).toBe(`<${token}>`);
    expect(plainToMrkdwn('see https://wiki.example.com/a?b=1&c=2).')).toBe('see <https://wiki.example.com/a?b=1&amp;c=2>).');
  });
});

describe('long relayed messages', () => {
  it('carries 20,000 characters of escaped text to the triage thread without cutting any', async () => {
    const { renderThreadNotice } = await import('../../bots/slack/render/ticket-card.ts');
    const text = '&<>'.repeat(6_667).slice(0, 20_000);
    const card = { ticketId: 't', number: 'FL-00001', subject: 's', status: 'assigned', priority: 'P3', category: 'general', type: 'incident', language: 'en' as const, requesterName: 'Ann', requesterChannel: 'slack' as const, transcript: [] };
    const rendered = renderThreadNotice({ kind: 'requester_message', card, text });
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    const sections = rendered.blocks.map((b) => (b as { text: { text: string } }).text.text);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    const unescaped = sections.join('').replace(/^\*Ann:\*\s*/, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(unescaped).toBe(text);
  });
});
