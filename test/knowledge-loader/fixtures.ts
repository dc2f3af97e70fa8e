/** Builders for article files written to real temporary directories. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ArticleFields {
  id: string;
  language?: 'en' | 'ru';
  title?: string;
  category?: string;
  examples?: string[];
}

export function articleText(fields: ArticleFields): string {
  const { id, language = 'en', title = `Title of ${id}`, category = 'network' } = fields;
  const examples = fields.examples ?? [`how do I ${id}`, `${id} is broken`];
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    `category: ${category}`,
    'type: incident',
    `language: ${language}`,
    'tags: [test]',
    'examples:',
    ...examples.map((example) => `  - ${example}`),
    '---',
    'Intro.',
    '',
    '1. Do the thing.',
    '',
  ].join('\n');
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'frontline-articles-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes `text` at `dir/relativePath`, creating folders as needed; returns the full path. */
export async function put(dir: string, relativePath: string, text: string): Promise<string> {
  const path = join(dir, relativePath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}
