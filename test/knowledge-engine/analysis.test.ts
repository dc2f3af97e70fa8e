import { describe, expect, it } from 'vitest';
import { analyze } from '../../knowledge/engine/analysis/analyze.ts';
import { countScripts, detectLanguage } from '../../knowledge/engine/analysis/language.ts';
import { foldText } from '../../knowledge/engine/analysis/normalize.ts';
import { stemToken } from '../../knowledge/engine/analysis/stemmers.ts';
import { SLANG } from '../../knowledge/engine/analysis/slang.ts';
import { tokenize } from '../../knowledge/engine/analysis/tokenize.ts';

describe('tokenize', () => {
  it('keeps Cyrillic words, numbers and product names', () => {
    expect(tokenize('Не работает Outlook 365 на Windows 11')).toEqual(['не', 'работает', 'outlook', '365', 'на', 'windows', '11']);
  });

  it('joins hyphenated names and contractions', () => {
    expect(tokenize("Wi-Fi can't connect, node.js")).toEqual(['wifi', 'cant', 'connect', 'nodejs']);
  });

  it('adds the canonical form after known slang', () => {
    expect(tokenize('не работает впн')).toEqual(['не', 'работает', 'впн', 'vpn']);
  });

  it('recognises slang in any inflection, but not a longer word that merely starts the same', () => {
    expect(tokenize('оставил ноута в такси')).toEqual(['оставил', 'ноута', 'ноутбук', 'в', 'такси']);
    expect(tokenize('в аутлуке и винде')).toEqual(['в', 'аутлуке', 'outlook', 'и', 'винде', 'windows']);
    expect(tokenize('впн не коннектится')).toEqual(['впн', 'vpn', 'не', 'коннектится', 'подключаться']);
    expect(tokenize('компании')).toEqual(['компании']);
    expect(tokenize('нет вайфая')).toEqual(['нет', 'вайфая', 'wifi']);
    expect(tokenize('пассив не сходится')).toEqual(['пассив', 'не', 'сходится']);
  });

  it('has no two slang entries that share a stem but differ in meaning', () => {
    const byStem = new Map<string, string>();
    for (const [word, canonical] of Object.entries(SLANG)) {
      const stem = stemToken(word);
      expect(byStem.get(stem) ?? canonical, `${word} (stem ${stem})`).toBe(canonical);
      byStem.set(stem, canonical);
    }
  });
});

describe('folding', () => {
  it('folds case and ё to е', () => {
    expect(foldText('Ёлка ЁЖ')).toBe('елка еж');
    expect(analyze('Учётная запись').stems).toEqual(analyze('учетная ЗАПИСЬ').stems);
  });
});

describe('stemming', () => {
  it('stems Russian and English words by their own script', () => {
    expect(stemToken('принтеры')).toBe(stemToken('принтер'));
    expect(stemToken('подключения')).toBe(stemToken('подключение'));
    expect(stemToken('connecting')).toBe(stemToken('connected'));
  });

  it('leaves product names with digits alone', () => {
    expect(stemToken('office365')).toBe('office365');
  });

  it('marks stop words without dropping them', () => {
    const text = analyze('how do I reset the password');
    expect(text.tokens).toContain('how');
    expect(text.stop[text.tokens.indexOf('the')]).toBe(true);
    expect(text.stop[text.tokens.indexOf('password')]).toBe(false);
  });

  it('knows the Russian function words that natural\'s list lacks', () => {
    // Counted as content, they made any Russian question look half known to a base (coverage.ts).
    const text = analyze('почему у меня ничего не работает, какие есть варианты');
    const content = text.tokens.filter((_, i) => !text.stop[i]);
    expect(content).toEqual(['работает', 'варианты']);
  });
});

describe('detectLanguage', () => {
  it('detects Russian even with Latin product names', () => {
    expect(detectLanguage('не работает VPN в Outlook').language).toBe('ru');
  });

  it('detects English', () => {
    const detected = detectLanguage('my laptop will not turn on');
    expect(detected.language).toBe('en');
    expect(detected.confidence).toBeGreaterThan(0.9);
  });

  it('is unsure about a lone product name and about no letters at all', () => {
    expect(detectLanguage('vpn').confidence).toBeLessThan(0.8);
    expect(detectLanguage('123 !!!').confidence).toBe(0.5);
  });

  it('counts letters by script as the Unicode script regexes do, beyond ASCII and Russian too', () => {
    // Latin and Cyrillic letters outside the fast paths, combining marks of the Cyrillic block that are
    // not Cyrillic script (U+0485), other scripts, digits, an astral-plane letter and an emoji.
    const sample = 'Ёжик ёлка ÉcoleßñÆ ђўї ѣѳ Ꙁ ᲀ \u0485 Ａｂ Ωα 漢字 ١٢ 123 😀 𝐀 \u{1D2B} ﬀ';
    let cyrillic = 0;
    let latin = 0;
    for (const ch of sample) {
      if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic += 1;
      else if (/\p{Script=Latin}/u.test(ch)) latin += 1;
    }
    expect(cyrillic).toBeGreaterThan(10);
    expect(latin).toBeGreaterThan(8);
    expect(countScripts(sample)).toEqual({ cyrillic, latin });
  });
});
