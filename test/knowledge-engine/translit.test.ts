/** Russian written in Latin letters ("zabyl parol" for "забыл пароль"). */
import { describe, expect, it } from 'vitest';
import { isEnglishWord } from '../../knowledge/engine/analysis/english-words.ts';
import { fromTranslit } from '../../knowledge/engine/analysis/translit.ts';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { defaultArticlesDir, loadArticles } from '../../knowledge/loader/index.ts';

describe('fromTranslit', () => {
  it('reads the common informal spellings', () => {
    const read = (text: string): string => text.split(' ').map((w) => fromTranslit(w)).join(' ');
    expect(read('doma internet ne rabotaet s utra')).toBe('дома интернет не работает с утра');
    expect(read('zhdu chto shchet schet')).toBe('жду что щет щет');
    // "y": й after a vowel, ы after a consonant; "ye": е at the start or after a vowel, ые after a consonant.
    expect(read('novyy moy lichniy vy yesli moye novye')).toBe('новый мой личний вы если мое новые');
    expect(read("svyaz' yeshche ya yu yo")).toBe('связь еще я ю ё');
    // The reflexive ending is "-тся"/"-ться", not "-ця".
    expect(read("vklyuchaetsya podklyuchit'sya")).toBe('включается подключиться');
    expect(fromTranslit('SROCHNO')).toBe('срочно');
  });

  it('leaves words with Cyrillic, digits or no letters alone', () => {
    for (const word of ['пароль', 'win10', 'ok!', '123', "'"]) expect(fromTranslit(word)).toBeUndefined();
  });
});

describe('isEnglishWord', () => {
  it('knows English words and their regular inflections, not transliterated Russian', () => {
    for (const word of ['message', 'messages', 'updated', 'copies', 'kazakhstan', 'profile', 'video']) expect(isEnglishWord(word)).toBe(true);
    for (const word of ['rabotaet', 'parol', 'pomoglo', 'uchetki', 'zabyl']) expect(isEnglishWord(word)).toBe(false);
    // Three letters or fewer prove nothing: WordNet lists "net" and "ne".
    for (const word of ['net', 'ne', 'tax']) expect(isEnglishWord(word)).toBe(false);
  });
});

describe('search over the starter base', () => {
  const engine = buildKnowledgeEngine(loadArticles(defaultArticlesDir()).articles);
  const best = (text: string): { key: string | undefined; confident: boolean } => {
    const result = engine.search(text);
    return { key: result.hits[0]?.articleKey, confident: result.confident };
  };

  it('reads Russian written in Latin letters as Russian and answers it', () => {
    expect(engine.readAs('zabyl parol ot uchetki')).toBe('забыл парол от учетки');
    expect(best('zabyl parol ot uchetki')).toEqual({ key: 'ru/password-reset', confident: true });
    // Product names the base knows as typed stay; the rest is read.
    expect(engine.readAs('ne mogu zayti v teams')).toBe('не могу зайти в teams');
    expect(best('kak podklyuchitsya k wifi')).toEqual({ key: 'ru/wifi-corporate', confident: true });
    expect(best('outlook ne sinkhroniziruet pochtu')).toEqual({ key: 'ru/outlook-not-syncing', confident: true });
  });

  it('keeps English as typed, and a keyboard-layout message still reads by the layout', () => {
    for (const text of ['printer jammed again', 'no sound in teams', 'hello how are you', 'I forgot my password', 'my monitor is black']) {
      expect(engine.readAs(text)).toBe(text);
    }
    expect(engine.readAs('pf,sk gfhjkm')).toBe('забыл пароль');
  });
});
