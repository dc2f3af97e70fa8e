import { describe, expect, it } from 'vitest';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { assessPriority } from '../../knowledge/engine/request/priority.ts';
import { ENGLISH, RUSSIAN } from './fixtures.ts';

const engine = buildKnowledgeEngine([...ENGLISH, ...RUSSIAN]);

describe('priority from impact and urgency', () => {
  it.each([
    ['Весь отдел без VPN, срочно!', 'P1'],
    ['nobody can print, production down', 'P1'],
    ['не работает у всех в офисе', 'P2'],
    ['urgent: my VPN is down before a client call', 'P2'],
    ['принтер зажевал бумагу', 'P3'],
    ['my printer jammed', 'P3'],
    ['нужен новый ноутбук, не срочно', 'P4'],
  ])('%s -> %s', (text, priority) => {
    expect(engine.classify(text).priority).toBe(priority);
  });

  it('reads "не срочно" as low urgency, not as "срочно"', () => {
    expect(assessPriority('не срочно, поставьте Visio', 'service_request').urgency).toBe('low');
  });

  it('is more confident when cues back the decision', () => {
    const cued = assessPriority('весь отдел не может работать, срочно', 'incident');
    const guessed = assessPriority('принтер печатает полосами', 'incident');
    expect(cued.confidence).toBeGreaterThan(guessed.confidence);
  });
});

describe('classify', () => {
  it('takes the category and type from the matching article', () => {
    const c = engine.classify('paper is stuck in the printer');
    expect(c).toMatchObject({ category: 'printing', type: 'incident', language: 'en' });
    expect(c.categoryConfidence).toBeGreaterThan(0.5);
  });

  it('recognises a service request in Russian', () => {
    expect(engine.classify('хочу заказать новый ноутбук')).toMatchObject({
      category: 'hardware',
      type: 'service_request',
      language: 'ru',
    });
  });

  it('is less sure about the category of unrelated text than of a matching question', () => {
    const unrelated = engine.classify('what is the capital of Peru');
    const related = engine.classify('paper is stuck in the printer');
    expect(unrelated.categoryConfidence).toBeLessThan(related.categoryConfidence);
  });
});
