/**
 * Turns the text of one article file into an `Article`, or into errors that point at a line. Pure: no I/O,
 * so it is tested and reused (e.g. by an editor preview) without touching the disk.
 */
import matter from 'gray-matter';
import type { Article } from '../types.ts';
import type { Language } from '../../core/model/messages.ts';
import type { ArticleError } from './errors.ts';
import { frontMatterSchema } from './schema.ts';
import { frontMatterEndIndex, lineOfField } from './front-matter-lines.ts';

export type ParseOutcome = { ok: true; article: Article } | { ok: false; errors: ArticleError[] };

/**
 * @param text full file content
 * @param path reported in errors and kept on the article for reloads
 * @param folderLanguage language implied by the folder (`en/`, `ru/`), checked against `language:`
 */
export function parseArticle(text: string, path: string, folderLanguage?: Language): ParseOutcome {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split(/\r?\n/);
  // Require a plain `---` opener: gray-matter would otherwise honour `---js` and eval the block.
  if (!/^---\s*$/.test(lines[0] ?? '')) {
    return fail({ code: 'no_front_matter', path, line: 1, message: 'file must start with a "---" front-matter line' });
  }

  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options (even empty) bypasses gray-matter's content cache, which would grow on every reload.
    parsed = matter(source, {});
  } catch (error) {
    return fail(yamlError(error, path));
  }

  const end = frontMatterEndIndex(lines);
  const result = frontMatterSchema.safeParse(parsed.data ?? {});
  if (!result.success) {
    return fail(
      ...result.error.issues.map((issue): ArticleError => {
        const field = issue.path.map(String).join('.');
        return {
          code: 'schema',
          path,
          line: lineOfField(lines, end, issue.path),
          message: field ? `${field}: ${issue.message}` : issue.message,
        };
      }),
    );
  }

  const data = result.data;
  if (folderLanguage !== undefined && data.language !== folderLanguage) {
    return fail({
      code: 'language_mismatch',
      path,
      line: lineOfField(lines, end, ['language']),
      message: `language: "${data.language}" but the file is in the "${folderLanguage}" folder`,
    });
  }

  const body = parsed.content.trim();
  if (body === '') {
    return fail({ code: 'empty_body', path, line: Math.min(end + 1, lines.length), message: 'article has no body' });
  }

  return {
    ok: true,
    article: {
      key: `${data.language}/${data.id}`,
      id: data.id,
      language: data.language,
      title: data.title,
      body,
      category: data.category,
      type: data.type,
      tags: data.tags,
      examples: data.examples,
      path,
    },
  };
}

function fail(...errors: ArticleError[]): ParseOutcome {
  return { ok: false, errors };
}

/** js-yaml errors carry a 0-based `mark.line` relative to the block, which starts right after line 1's `---`. */
function yamlError(error: unknown, path: string): ArticleError {
  const mark = (error as { mark?: { line?: unknown } } | null)?.mark;
  const reason = (error as { reason?: unknown } | null)?.reason;
  const message = typeof reason === 'string' ? reason : error instanceof Error ? error.message : String(error);
  const line = typeof mark?.line === 'number' ? mark.line + 1 : 1;
  return { code: 'yaml', path, line, message: `invalid YAML: ${message}` };
}
