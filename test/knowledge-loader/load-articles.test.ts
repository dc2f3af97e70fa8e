/** loadArticles on real temporary directories: good files load, each broken file is reported with a line. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatArticleError, loadArticles } from '../../knowledge/loader/index.ts';
import { articleText, makeTempDir, put, removeDir } from './fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('loadArticles', () => {
  it('loads nested folders and keys articles by language and id', async () => {
    await put(dir, 'en/vpn.md', articleText({ id: 'vpn' }));
    await put(dir, 'ru/vpn.md', articleText({ id: 'vpn', language: 'ru', examples: ['впн не подключается'] }));
    await put(dir, 'en/notes.txt', 'not an article');

    const { articles, errors } = loadArticles(dir);

    expect(errors).toEqual([]);
    expect(articles.map((a) => a.key)).toEqual(['en/vpn', 'ru/vpn']);
    expect(articles[1]).toMatchObject({
      id: 'vpn',
      language: 'ru',
      category: 'network',
      type: 'incident',
      tags: ['test'],
      examples: ['впн не подключается'],
      body: 'Intro.\n\n1. Do the thing.',
      path: join(dir, 'ru/vpn.md'),
    });
  });

  it('reports a broken YAML file with its path and line and still loads the others', async () => {
    await put(dir, 'en/good.md', articleText({ id: 'good' }));
    // Line 4 has an unclosed quote; js-yaml notices it there.
    const broken = await put(dir, 'en/broken.md', '---\nid: broken\ntitle: Broken\ncategory: "network\ntype: incident\n---\nBody\n');

    const { articles, errors } = loadArticles(dir);

    expect(articles.map((a) => a.key)).toEqual(['en/good']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'yaml', path: broken });
    expect(errors[0]?.line).toBeGreaterThanOrEqual(4);
    expect(errors[0]?.line).toBeLessThanOrEqual(6);
    expect(formatArticleError(errors[0]!)).toMatch(new RegExp(`^${broken}:\\d+: invalid YAML`));
  });

  it('points a YAML error at the exact line of the bad entry', async () => {
    const text = articleText({ id: 'colon', examples: ['fine', 'also fine', 'bad: [unclosed'] });
    const path = await put(dir, 'en/colon.md', text);
    const expected = text.split('\n').findIndex((line) => line.includes('bad: [unclosed')) + 1;

    const { errors } = loadArticles(dir);

    expect(errors).toEqual([expect.objectContaining({ code: 'yaml', path })]);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(expected);
    expect(errors[0]?.line).toBeLessThanOrEqual(expected + 1);
  });

  it('reports schema problems at the line of the offending field', async () => {
    const text = articleText({ id: 'bad-category', category: 'netwrk' });
    const path = await put(dir, 'en/bad-category.md', text);

    const { errors } = loadArticles(dir);

    expect(errors).toEqual([
      { code: 'schema', path, line: 4, message: expect.stringMatching(/^category: must be one of: accounts/) },
    ]);
  });

  it('points at the list item when one example is not a string', async () => {
    const path = await put(dir, 'en/obj.md', articleText({ id: 'obj', examples: ['one', 'two', 'S: drive gone'] }));

    const { errors } = loadArticles(dir);

    // Lines: 1 ---, 2 id, 3 title, 4 category, 5 type, 6 language, 7 tags, 8 examples:, 9-11 items.
    expect(errors).toEqual([expect.objectContaining({ code: 'schema', path, line: 11 })]);
    expect(errors[0]?.message).toMatch(/^examples\.2: /);
  });

  it('requires fields, non-empty examples and known keys', async () => {
    await put(dir, 'missing.md', '---\nid: missing\ntitle: Missing\nexamples: []\nexmaples: [typo]\n---\nBody\n');

    const { errors } = loadArticles(dir);
    const messages = errors.map((e) => `${e.line} ${e.message}`);

    expect(errors.every((e) => e.code === 'schema')).toBe(true);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^1 category: /),
        expect.stringMatching(/^1 type: /),
        expect.stringMatching(/^1 language: /),
        expect.stringMatching(/^4 examples: needs at least one/),
        expect.stringMatching(/exmaples/),
      ]),
    );
  });

  it('rejects a language that does not match its folder', async () => {
    const path = await put(dir, 'ru/wrong.md', articleText({ id: 'wrong', language: 'en' }));

    expect(loadArticles(dir).errors).toEqual([
      { code: 'language_mismatch', path, line: 6, message: 'language: "en" but the file is in the "ru" folder' },
    ]);
  });

  it('reports a duplicate key and keeps the first file', async () => {
    const first = await put(dir, 'en/a.md', articleText({ id: 'same', title: 'First' }));
    const second = await put(dir, 'en/b.md', articleText({ id: 'same', title: 'Second' }));

    const { articles, errors } = loadArticles(dir);

    expect(articles.map((a) => a.title)).toEqual(['First']);
    expect(errors).toEqual([
      { code: 'duplicate_key', path: second, line: 2, message: `duplicate article "en/same", already defined in ${first}` },
    ]);
  });

  it('reports files without front matter or without a body', async () => {
    const plain = await put(dir, 'en/plain.md', '# Just markdown\n');
    const empty = await put(dir, 'en/empty.md', articleText({ id: 'empty' }).replace(/Intro[\s\S]*$/, ''));

    const codes = loadArticles(dir).errors.map((e) => [e.code, e.path, e.line]);

    expect(codes).toEqual(
      expect.arrayContaining([
        ['no_front_matter', plain, 1],
        ['empty_body', empty, expect.any(Number)],
      ]),
    );
  });

  it('reports a missing directory instead of throwing', () => {
    const missing = join(dir, 'nope');
    expect(loadArticles(missing)).toEqual({
      articles: [],
      errors: [expect.objectContaining({ code: 'read_failed', path: missing })],
    });
  });
});
