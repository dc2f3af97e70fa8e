/**
 * The knowledge base the service uses: articles loaded from Markdown files, an engine built over them,
 * and a watcher that rebuilds the engine when files change, without a restart. A broken file is logged
 * with its path and line and left out; the others keep working. Callers hold this object, not an engine,
 * so a rebuild is picked up by the next search.
 */
import type { Language } from '../core/model/messages.ts';
import type { Article, KnowledgeService, RequestClassification, SearchResult } from './types.ts';
import { buildKnowledgeEngine, detectLanguage, type KnowledgeEngine } from './engine/index.ts';
import { loadArticles, watchArticles, formatArticleError, type ArticleWatcher } from './loader/index.ts';

export interface KnowledgeLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
}

export class LiveKnowledge implements KnowledgeService {
  private engine: KnowledgeEngine;
  private watcher: ArticleWatcher | undefined;

  private constructor(
    private readonly dir: string,
    private readonly log: KnowledgeLog,
    articles: Article[],
  ) {
    this.engine = buildKnowledgeEngine(articles);
  }

  /** Loads the articles in `dir` (reporting broken files) and builds the engine. */
  static load(dir: string, log: KnowledgeLog): LiveKnowledge {
    const { articles, errors } = loadArticles(dir);
    for (const error of errors) log.warn({ path: error.path, line: error.line }, `knowledge article skipped: ${formatArticleError(error)}`);
    const live = new LiveKnowledge(dir, log, articles);
    log.info({ articles: articles.length, buildMs: Math.round(live.engine.stats.buildMs) }, 'knowledge base loaded');
    return live;
  }

  /** Starts rebuilding on file changes. */
  watch(options: { debounceMs?: number } = {}): void {
    if (this.watcher) return;
    this.watcher = watchArticles(
      this.dir,
      ({ articles, errors }) => {
        for (const error of errors) this.log.warn({ path: error.path, line: error.line }, `knowledge article skipped: ${formatArticleError(error)}`);
        this.engine = buildKnowledgeEngine(articles);
        this.log.info({ articles: articles.length, buildMs: Math.round(this.engine.stats.buildMs) }, 'knowledge base reloaded');
      },
      { ...options, onError: (error: unknown) => this.log.warn({ err: error }, 'knowledge watcher error') },
    );
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
  }

  get articleCount(): number {
    return this.engine.stats.articles;
  }

  search(text: string, options?: { limit?: number; language?: Language }): SearchResult {
    return this.engine.search(text, options);
  }

  classify(text: string): RequestClassification {
    return this.engine.classify(text);
  }

  article(key: string): Article | undefined {
    return this.engine.article(key);
  }

  readAs(text: string): string {
    return this.engine.readAs(text);
  }

  detectLanguage(text: string): { language: Language; confidence: number } {
    // "pf,sk gfhjkm" is Russian typed on the English layout: its language is that of its reading.
    const detected = detectLanguage(this.engine.readAs(text));
    return { language: detected.language, confidence: detected.confidence };
  }
}
