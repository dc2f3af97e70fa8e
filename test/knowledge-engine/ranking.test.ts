import { describe, expect, it } from 'vitest';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { ENGLISH, RUSSIAN } from './fixtures.ts';

const engine = buildKnowledgeEngine([...ENGLISH, ...RUSSIAN]);
const best = (text: string, language?: 'en' | 'ru'): string | undefined =>
  engine.search(text, language ? { language } : {}).hits[0]?.articleKey;

describe('ranking in English', () => {
  it.each([
    ['I forgot my password', 'en/password-reset'], // an example question itself
    ['forgot the pasword for my account', 'en/password-reset'], // typo
    ['vpn not conecting at home', 'en/vpn'], // typo + paraphrase
    ['paper got stuck inside the printer', 'en/printer-jam'], // paraphrase
    ['can I get a new notebook computer', 'en/new-laptop'], // paraphrase
  ])('%s -> %s', (query, key) => {
    expect(best(query)).toBe(key);
  });
});

describe('ranking in Russian', () => {
  it.each([
    ['забыл пароль', 'ru/password-reset'],
    ['забыл пороль от учетки', 'ru/password-reset'], // typo, ё-less spelling, slang
    ['не работает впн дома', 'ru/vpn'], // slang spelling of VPN
    ['в принтере застряла бумага', 'ru/printer-jam'], // word order and inflection
    ['нужно заказать ноутбук для нового сотрудника', 'ru/new-laptop'],
  ])('%s -> %s', (query, key) => {
    expect(best(query)).toBe(key);
  });
});

describe('languages', () => {
  it('answers in the language of the question', () => {
    expect(engine.search('принтер зажевал бумагу').language).toBe('ru');
    expect(best('printer jammed')).toBe('en/printer-jam');
  });

  it('keeps only one translation of an article in the hits', () => {
    const ids = engine.search('vpn').hits.map((h) => engine.article(h.articleKey)!.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('restricts to an explicitly requested language', () => {
    const result = engine.search('vpn', { language: 'ru' });
    expect(result.hits.every((h) => h.articleKey.startsWith('ru/'))).toBe(true);
  });
});

describe('confidence and abstention', () => {
  it('is confident on a clear question', () => {
    const result = engine.search('how do I reset my password');
    expect(result.confident).toBe(true);
    expect(result.ambiguous).toBe(false);
  });

  it.each(['what is the weather in Paris tomorrow', 'закажите пиццу с грибами', 'who won the football match'])(
    'abstains on an unrelated question: %s',
    (query) => {
      const result = engine.search(query);
      expect(result.confident).toBe(false);
      expect(result.hits[0]!.confidence).toBeLessThan(engine.threshold);
    },
  );

  it('returns calibrated confidences best first, within [0, 1]', () => {
    const hits = engine.search('printer paper jam', { limit: 4 }).hits;
    expect(hits).toHaveLength(4);
    for (let i = 1; i < hits.length; i += 1) expect(hits[i - 1]!.confidence).toBeGreaterThanOrEqual(hits[i]!.confidence);
    expect(hits[0]!.confidence).toBeLessThanOrEqual(1);
  });

  it('answers nothing from an empty knowledge base', () => {
    const empty = buildKnowledgeEngine([]);
    expect(empty.search('vpn')).toMatchObject({ hits: [], confident: false });
    expect(empty.classify('vpn').category).toBe('general');
  });
});
