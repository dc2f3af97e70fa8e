/** The starter knowledge base that ships in knowledge/articles: valid, bilingual, and written to the house style. */
import { describe, expect, it } from 'vitest';
import { join, relative } from 'node:path';
import { CATEGORIES, REQUEST_TYPES } from '../../knowledge/types.ts';
import { defaultArticlesDir, formatArticleError, loadArticles } from '../../knowledge/loader/index.ts';

const dir = defaultArticlesDir();
const { articles, errors } = loadArticles(dir);
const idsOf = (language: string) => new Set(articles.filter((a) => a.language === language).map((a) => a.id));

describe('shipped knowledge base', () => {
  it('parses with zero errors', () => {
    expect(errors.map(formatArticleError)).toEqual([]);
  });

  it('has at least 30 articles per language', () => {
    expect(idsOf('en').size).toBeGreaterThanOrEqual(30);
    expect(idsOf('ru').size).toBeGreaterThanOrEqual(30);
  });

  it('has a Russian twin for every English article and vice versa', () => {
    const en = idsOf('en');
    const ru = idsOf('ru');
    expect([...en].filter((id) => !ru.has(id))).toEqual([]);
    expect([...ru].filter((id) => !en.has(id))).toEqual([]);
  });

  it('gives twins the same category and type', () => {
    const byKey = new Map(articles.map((a) => [a.key, a]));
    for (const article of articles.filter((a) => a.language === 'en')) {
      const twin = byKey.get(`ru/${article.id}`);
      expect({ id: article.id, category: twin?.category, type: twin?.type }).toEqual({
        id: article.id,
        category: article.category,
        type: article.type,
      });
    }
  });

  it('uses only known categories and request types', () => {
    for (const article of articles) {
      expect(CATEGORIES as readonly string[]).toContain(article.category);
      expect(REQUEST_TYPES as readonly string[]).toContain(article.type);
    }
  });

  it('keeps each language in its own folder', () => {
    for (const article of articles) {
      expect(relative(dir, article.path ?? '')).toBe(join(article.language, `${article.id}.md`));
    }
  });

  it('gives every article 6 to 10 distinct example questions', () => {
    for (const article of articles) {
      const distinct = new Set(article.examples.map((e) => e.toLowerCase()));
      expect(distinct.size, article.key).toBeGreaterThanOrEqual(6);
      expect(distinct.size, article.key).toBeLessThanOrEqual(10);
    }
  });

  it('does not reuse an example question across articles of one language', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const article of articles) {
      for (const example of article.examples) {
        const norm = `${article.language}:${example.toLowerCase().trim()}`;
        const other = seen.get(norm);
        if (other && other !== article.key) clashes.push(`${norm} in ${other} and ${article.key}`);
        seen.set(norm, article.key);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('writes bodies the bot can show: numbered steps, no bold, a way out, 80-250 words', () => {
    for (const article of articles) {
      const words = article.body.split(/\s+/).length;
      expect(words, article.key).toBeGreaterThanOrEqual(80);
      expect(words, article.key).toBeLessThanOrEqual(250);
      expect(article.body, article.key).toMatch(/^1\. /m);
      expect(article.body, article.key).not.toMatch(/\*\*|__/);
      const lastLine = article.body.trim().split('\n').at(-1) ?? '';
      expect(lastLine, article.key).toMatch(article.language === 'en' ? /Didn't help/ : /Не помогло/);
    }
  });
});
