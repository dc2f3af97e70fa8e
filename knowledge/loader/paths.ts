import { fileURLToPath } from 'node:url';

/**
 * `knowledge/articles` of this repository, resolved from this file rather than the working directory, so
 * `npm start`, tests and CLIs run from any folder find the same articles.
 */
export function defaultArticlesDir(): string {
  return fileURLToPath(new URL('../articles', import.meta.url));
}
