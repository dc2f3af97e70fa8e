import { describe, expect, it } from 'vitest';
import { bodyPassages, MAX_PASSAGES } from '../../knowledge/engine/passages.ts';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import type { Article } from '../../knowledge/types.ts';

describe('bodyPassages', () => {
  it('splits a body into sentences and list items, leaving out short pieces', () => {
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
      // "2." ends like a sentence and is too short to keep; the bare link has no words of its own.
      'Pull the jammed sheet out slowly with both hands, never tear it.',
    ]);
  });

  it('keeps Cyrillic passages and caps a very long body', () => {
    expect(bodyPassages('Перезагрузите ноутбук и подключитесь к сети снова.')).toHaveLength(1);
    const long = Array.from({ length: 100 }, (_, i) => `Step number ${i} of a very long procedure.`).join('\n');
    expect(bodyPassages(long)).toHaveLength(MAX_PASSAGES);
  });
});

describe('an article answers from the words of its body', () => {
  const article = (id: string, examples: string[], body: string): Article => ({
    key: `en/${id}`, id, language: 'en', title: '', body, category: 'general', type: 'incident', tags: [], examples,
  });
  const articles = [
    article('vpn', ['vpn does not connect', 'cannot reach the network from home'], 'Open GlobalProtect from the system tray and sign in with your work account.'),
    article('printer', ['printer is jammed', 'paper stuck in the printer'], 'Follow the animation on the printer screen to find the jammed sheet.'),
    article('mail', ['mailbox is full', 'cannot send mail'], 'Empty the Deleted Items folder and archive old messages to free space.'),
  ];

  it('finds the article by a word only its body has', () => {
    const engine = buildKnowledgeEngine(articles);
    expect(engine.search('globalprotect sign in fails').hits[0]?.articleKey).toBe('en/vpn');
    expect(engine.search('how do I empty deleted items').hits[0]?.articleKey).toBe('en/mail');
  });
});
