/**
 * What can be wrong with one article file. Each problem is reported, never thrown, so one broken file
 * cannot take the rest of the knowledge base down.
 */

export const ARTICLE_ERROR_CODES = [
  'read_failed', // the file (or the articles directory) could not be read
  'no_front_matter', // the file does not start with a `---` front-matter block
  'yaml', // the front matter is not valid YAML
  'schema', // a field is missing, has the wrong type or an unknown value
  'language_mismatch', // `language:` disagrees with the en/ru folder the file sits in
  'empty_body', // front matter without any steps after it
  'duplicate_key', // another file already defines the same `${language}/${id}`
] as const;
export type ArticleErrorCode = (typeof ARTICLE_ERROR_CODES)[number];

export interface ArticleError {
  code: ArticleErrorCode;
  /** Path of the offending file (or directory, for `read_failed` on the root). */
  path: string;
  /** 1-based line in the file; absent only when the problem is not tied to a line (unreadable file). */
  line?: number;
  message: string;
}

/**
 * Compiler-style one-liner for logs, clickable in most editors.
 *
 * @example formatArticleError(e) // "knowledge/articles/en/vpn.md:4: category: unknown value \"netwrk\""
 */
export function formatArticleError(error: ArticleError): string {
  const where = error.line === undefined ? error.path : `${error.path}:${error.line}`;
  return `${where}: ${error.message}`;
}
