/** Russian typed on the English keyboard layout ("pf,sk gfhjkm" for "забыл пароль"). */
import { describe, expect, it } from 'vitest';
import { fromEnglishLayout } from '../../knowledge/engine/analysis/layout.ts';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { defaultArticlesDir, loadArticles } from '../../knowledge/loader/index.ts';

describe('fromEnglishLayout', () => {
  it('maps every key to its Russian letter, punctuation included', () => {
    expect(fromEnglishLayout('pf,sk gfhjkm')).toBe('забыл пароль');
    expect(fromEnglishLayout('Ghbdtn? rfr ltkf&')).toBe('Привет, как дела?');
    expect(fromEnglishLayout('a|b')).toBe('ф/и');
  });

  it('leaves Cyrillic text and text without Latin letters alone', () => {
    expect(fromEnglishLayout('не работает vpn')).toBeUndefined();
    expect(fromEnglishLayout('12345 !!!')).toBeUndefined();
  });
});

describe('search over the starter base', () => {
  const engine = buildKnowledgeEngine(loadArticles(defaultArticlesDir()).articles);
  const best = (text: string): { key: string | undefined; confident: boolean } => {
    const result = engine.search(text);
    return { key: result.hits[0]?.articleKey, confident: result.confident };
  };

  it('reads a message typed on the wrong layout as the Russian it was meant to be', () => {
    expect(best('pf,sk gfhjkm')).toEqual({ key: 'ru/password-reset', confident: true });
    expect(best('dgy yt gjlrk.xftncz')).toEqual({ key: 'ru/vpn-troubleshooting', confident: true });
  });

  it('keeps product names the base knows as typed inside a swapped message', () => {
    expect(engine.readAs('yt vjue pfqnb d teams')).toBe('не могу зайти в teams');
    expect(best('yt vjue pfqnb d teams')).toEqual({ key: 'ru/teams-problems', confident: true });
    expect(best('yt hf,jnftn wifi')).toEqual({ key: 'ru/wifi-corporate', confident: true });
  });

  it('classifies priority from the swapped reading', () => {
    // "срочно! у всего отдела не работает впн"
    expect(engine.classify('chjxyj! e dctuj jnltkf yt hf,jnftn dgy')).toMatchObject({ priority: 'P1', type: 'incident', language: 'ru' });
  });

  it('keeps English, one-word messages and product names as typed', () => {
    expect(best('printer jammed again')).toEqual({ key: 'en/printer-paper-jam', confident: true });
    expect(best('outlook').key).toBe('en/outlook-not-syncing');
    // Swapped, these are Russian-looking words ("руку", "егиу"): one word proves nothing.
    for (const text of ['here', 'tube', 'toms', 'here it is', 'ok thanks', 'ms teams no sound', 'jira ticket status', 'C:\\Users\\ivan', 'Sam here', 'hi here']) {
      expect(engine.readAs(text)).toBe(text);
    }
  });
});
