/** watchArticles on real temporary directories: edits, editor-style saves, new folders, deletions, close(). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { watchArticles, type ArticleWatcher, type LoadResult } from '../../knowledge/loader/index.ts';
import { articleText, makeTempDir, put, removeDir } from './fixtures.ts';

const DEBOUNCE_MS = 50;

let dir: string;
let watcher: ArticleWatcher | undefined;
let results: LoadResult[];

beforeEach(async () => {
  dir = await makeTempDir();
  await put(dir, 'en/first.md', articleText({ id: 'first' }));
  results = [];
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await removeDir(dir);
});

function start(): void {
  watcher = watchArticles(dir, (result) => results.push(result), { debounceMs: DEBOUNCE_MS });
}

/** Resolves with the first result (after `from`) that satisfies `test`; fails after a few seconds. */
async function nextResult(test: (result: LoadResult) => boolean, from = 0): Promise<LoadResult> {
  const deadline = Date.now() + 4000;
  while (Date.now() < deadline) {
    const found = results.slice(from).find(test);
    if (found) return found;
    await sleep(20);
  }
  throw new Error(`no matching reload; got ${JSON.stringify(results.map(keys))}`);
}

const keys = (result: LoadResult) => result.articles.map((a) => a.key);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchArticles', () => {
  it('reloads when a new article file is written', async () => {
    start();
    await put(dir, 'en/second.md', articleText({ id: 'second' }));

    const result = await nextResult((r) => keys(r).includes('en/second'));

    expect(keys(result)).toEqual(['en/first', 'en/second']);
    expect(result.errors).toEqual([]);
  });

  it('reports a broken edit and recovers when it is fixed', async () => {
    start();
    const path = join(dir, 'en/first.md');
    await writeFile(path, '---\nid: first\ntitle: [unclosed\n---\nBody\n');
    const broken = await nextResult((r) => r.errors.length > 0);
    expect(broken.errors[0]).toMatchObject({ code: 'yaml', path, line: expect.any(Number) });

    await writeFile(path, articleText({ id: 'first', title: 'Fixed' }));
    const fixed = await nextResult((r) => r.articles[0]?.title === 'Fixed');
    expect(fixed.errors).toEqual([]);
  });

  it('survives an editor rename-on-save and sees later saves too', async () => {
    start();
    const path = join(dir, 'en/first.md');
    for (const title of ['Saved once', 'Saved twice']) {
      await writeFile(`${path}.tmp`, articleText({ id: 'first', title }));
      await rename(`${path}.tmp`, path);
      await nextResult((r) => r.articles[0]?.title === title);
    }
  });

  it('picks up articles in a folder created after start, and deletions', async () => {
    start();
    await put(dir, 'ru/first.md', articleText({ id: 'first', language: 'ru' }));
    await nextResult((r) => keys(r).includes('ru/first'));

    // A second file in the new folder proves the folder itself is now watched.
    await put(dir, 'ru/second.md', articleText({ id: 'second', language: 'ru' }));
    await nextResult((r) => keys(r).includes('ru/second'));

    await rm(join(dir, 'en/first.md'));
    const after = await nextResult((r) => !keys(r).includes('en/first'));
    expect(keys(after)).toEqual(['ru/first', 'ru/second']);
  });

  it('coalesces a burst of writes into one reload', async () => {
    start();
    for (let i = 0; i < 5; i++) await put(dir, `en/burst-${i}.md`, articleText({ id: `burst-${i}` }));

    await nextResult((r) => keys(r).includes('en/burst-4'));
    await sleep(DEBOUNCE_MS * 4);

    expect(results.length).toBeLessThanOrEqual(2);
  });

  it('stops calling back after close(), including a reload already scheduled', async () => {
    start();
    await put(dir, 'en/pending.md', articleText({ id: 'pending' }));
    await sleep(5); // let the event arrive; the debounced reload is now pending
    await watcher!.close();
    await put(dir, 'en/late.md', articleText({ id: 'late' }));
    await sleep(DEBOUNCE_MS * 10);

    expect(results).toEqual([]);
  });

  it('keeps watching when the callback throws', async () => {
    const failures: unknown[] = [];
    let calls = 0;
    watcher = watchArticles(
      dir,
      (result) => {
        calls++;
        if (calls === 1) throw new Error('consumer failed');
        results.push(result);
      },
      { debounceMs: DEBOUNCE_MS, onError: (error) => failures.push(error) },
    );
    await put(dir, 'en/one.md', articleText({ id: 'one' }));
    await sleep(DEBOUNCE_MS * 6);
    await put(dir, 'en/two.md', articleText({ id: 'two' }));

    await nextResult((r) => keys(r).includes('en/two'));
    expect(failures).toEqual([expect.objectContaining({ message: 'consumer failed' })]);
  });
});
