import { describe, expect, it } from 'vitest';
import { articlePassages, bodyPassages, MAX_PASSAGES } from '../../knowledge/engine/passages.ts';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import type { Article } from '../../knowledge/types.ts';

const article = (id: string, examples: string[], body: string, language: 'en' | 'ru' = 'en'): Article => ({
  key: `${language}/${id}`, id, language, title: '', body, category: 'general', type: 'incident', tags: [], examples,
});

describe('bodyPassages', () => {
  it('splits a body into sentences and list items, leaving out short pieces and bare links', () => {
    const body = [
      'Most paper jams can be cleared in a minute. The printer screen shows where the paper is stuck.',
      '',
      '1. Open tray 2.',
      '2. Pull the jammed sheet out slowly with both hands, never tear it.',
      'https://portal.example.com/print',
    ].join('\n');
    expect(bodyPassages(body)).toEqual([
      'Most paper jams can be cleared in a minute.',
      'The printer screen shows where the paper is stuck.',
      'Pull the jammed sheet out slowly with both hands, never tear it.',
    ]);
  });

  it('keeps a wrapped line that starts with a number in its paragraph, and ends a sentence at a trailing link', () => {
    const body = 'Make sure that at least\n10.5 GB of disk space is free before the upgrade.\nOrder a replacement laptop on the portal https://portal.example.com/order. Your files stay in OneDrive for a month.';
    expect(bodyPassages(body)).toEqual([
      'Make sure that at least 10.5 GB of disk space is free before the upgrade.',
      'Order a replacement laptop on the portal  .',
      'Your files stay in OneDrive for a month.',
    ]);
  });

  it('treats headings and table rows as pieces of their own and fences only at the start of a line', () => {
    const body = '## Printer shows offline in the queue\nThe FollowMe printer lost its network connection.\n\n| Error code | What it means |\n|---|---|\nType ``` to format code in Teams chats, it is handy.';
    expect(bodyPassages(body)).toEqual([
      'Printer shows offline in the queue',
      'The FollowMe printer lost its network connection.',
      'Error code   What it means',
      'Type ``` to format code in Teams chats, it is handy.',
    ]);
  });

  it('stays fast on huge or adversarial bodies', () => {
    for (const body of ['. '.repeat(50_000), 'a. '.repeat(35_000), 'Do it. '.repeat(15_000), '[ '.repeat(50_000), '[a]( '.repeat(20_000), 'a'.repeat(100_000), `https://${'a'.repeat(100_000)}`]) {
      const started = performance.now();
      bodyPassages(body);
      // Linear work over at most 20,000 characters: milliseconds; the quadratic version took seconds.
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('does not end a sentence at an abbreviation and joins lines wrapped inside a paragraph', () => {
    const body = 'Use a VPN client, e.g. GlobalProtect, to reach\nthe intranet.\r\nСм. также статью о сбросе, т.е. о новом пароле для входа.';
    expect(bodyPassages(body)).toEqual([
      'Use a VPN client, e.g. GlobalProtect, to reach the intranet.',
      'См. также статью о сбросе, т.е. о новом пароле для входа.',
    ]);
  });

  it('keeps the text of markdown links, drops code blocks, cuts very long lines and caps the count', () => {
    expect(bodyPassages('See [the VPN setup guide](https://x.example.com/a) for all details.')).toEqual([
      'See the VPN setup guide for all details.',
    ]);
    expect(bodyPassages('```\nsudo systemctl restart networking service now\n```\nRestart the laptop and try again.')).toEqual([
      'Restart the laptop and try again.',
    ]);
    expect(bodyPassages(`${'word '.repeat(2000)}end`)[0]!.length).toBeLessThanOrEqual(300);
    const long = Array.from({ length: 100 }, (_, i) => `Step number ${i} of a very long procedure.`).join('\n');
    expect(bodyPassages(long)).toHaveLength(MAX_PASSAGES);
  });
});

describe('articlePassages', () => {
  it('matches shared sentences whatever their step numbers, and keeps those the same article has in two languages', () => {
    const passages = articlePassages([
      article('vpn', [], '1. Open GlobalProtect and sign in with your work account.\n3. If this did not help, call the service desk.'),
      article('printer', [], '1. Follow the animation on the printer screen.\n4. If this did not help, call the service desk.'),
      article('vpn', [], 'Откройте GlobalProtect и войдите с рабочей учётной записью.\nIf this did not help, call the service desk.', 'ru'),
    ]);
    expect(passages).toEqual([
      ['Open GlobalProtect and sign in with your work account.'],
      ['Follow the animation on the printer screen.'],
      ['Откройте GlobalProtect и войдите с рабочей учётной записью.'],
    ]);
  });

  it('leaves out a sentence several articles share: it tells none of them apart', () => {
    const closing = 'If this did not help, press "Didn\'t help" and an engineer will take over.';
    const passages = articlePassages([
      article('vpn', [], `Open GlobalProtect and sign in with your work account.\n\n${closing}`),
      article('printer', [], `Follow the animation on the printer screen.\n\n${closing}`),
    ]);
    expect(passages).toEqual([['Open GlobalProtect and sign in with your work account.'], ['Follow the animation on the printer screen.']]);
  });
});

describe('an article answers from the words of its body', () => {
  const articles = [
    article('vpn', ['vpn does not connect', 'cannot reach the network from home'], 'Open GlobalProtect from the system tray and sign in with your work account.'),
    article('printer', ['printer is jammed', 'paper stuck in the printer'], 'Follow the animation on the printer screen to find the jammed sheet.'),
    article('mail', ['mailbox is full', 'cannot send mail'], 'Empty the Deleted Items folder and archive old messages to free space.'),
  ];

  it('finds the article by a word only its body has', () => {
    const engine = buildKnowledgeEngine(articles);
    expect(engine.search('globalprotect sign in fails').hits[0]?.articleKey).toBe('en/vpn');
    expect(engine.search('how do I empty deleted items').hits[0]?.articleKey).toBe('en/mail');
    expect(engine.stats).toMatchObject({ examples: 6, trainingTexts: 9 });
  });
});
