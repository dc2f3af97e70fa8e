/**
 * Reads every `*.md` under a directory into articles. Synchronous on purpose: the starter base is a few
 * dozen small files, and a synchronous pass gives the watcher an atomic snapshot to swap in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Article } from '../types.ts';
import { LANGUAGES, type Language } from '../../core/model/messages.ts';
import type { ArticleError } from './errors.ts';
import { parseArticle } from './parse-article.ts';

export interface LoadResult {
  /** Valid articles, in path order; the first file wins when two define the same key. */
  articles: Article[];
  errors: ArticleError[];
}

/**
 * @example
 * const { articles, errors } = loadArticles(defaultArticlesDir());
 * for (const e of errors) log.warn(formatArticleError(e));
 */
export function loadArticles(dir: string): LoadResult {
  const articles: Article[] = [];
  const errors: ArticleError[] = [];
  let files: string[];
  try {
    files = listMarkdownFiles(dir);
  } catch (error) {
    return { articles, errors: [{ code: 'read_failed', path: dir, message: describe(error) }] };
  }

  const byKey = new Map<string, Article>();
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      // Typically a file deleted between listing and reading (an editor's rename-on-save): report, go on.
      errors.push({ code: 'read_failed', path, message: describe(error) });
      continue;
    }
    const outcome = parseArticle(text, path, folderLanguage(dir, path));
    if (!outcome.ok) {
      errors.push(...outcome.errors);
      continue;
    }
    const { article } = outcome;
    const first = byKey.get(article.key);
    if (first) {
      errors.push({
        code: 'duplicate_key',
        path,
        line: lineOf(text, /^id\s*:/m),
        message: `duplicate article "${article.key}", already defined in ${first.path}`,
      });
      continue;
    }
    byKey.set(article.key, article);
    articles.push(article);
  }
  return { articles, errors };
}

/** Sorted so that results (and "first file wins" for duplicates) do not depend on directory order. */
function listMarkdownFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(dir, path).split(sep).some((part) => part.startsWith('.')))
    .sort();
}

/** The language folder a file sits in directly (`<dir>/en/x.md`), if any. */
function folderLanguage(root: string, path: string): Language | undefined {
  const parent = dirname(path);
  if (parent === root) return undefined;
  const name = basename(parent);
  return (LANGUAGES as readonly string[]).includes(name) ? (name as Language) : undefined;
}

function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
