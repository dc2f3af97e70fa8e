/** Loading and live reloading of the Markdown knowledge base (`knowledge/articles/<lang>/<id>.md`). */
export { loadArticles, type LoadResult } from './load-articles.ts';
export { watchArticles, type ArticleWatcher, type WatchOptions } from './watch-articles.ts';
export { parseArticle, type ParseOutcome } from './parse-article.ts';
export { defaultArticlesDir } from './paths.ts';
export { formatArticleError, ARTICLE_ERROR_CODES, type ArticleError, type ArticleErrorCode } from './errors.ts';
export { frontMatterSchema, type FrontMatter } from './schema.ts';
