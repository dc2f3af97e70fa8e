/**
 * The knowledge engine: articles in, ranked and calibrated answers out. Pure (no I/O) and rebuilt from
 * scratch whenever the articles change; building over 15,000 example questions takes a few seconds (on
 * two threads: classifier.ts).
 *
 * @example
 * const kb = buildKnowledgeEngine(articles);
 * const result = kb.search('не работает впн');
 * if (result.confident && !result.ambiguous) answerWith(kb.article(result.hits[0]!.articleKey));
 */
import type { Language } from '../../core/model/messages.ts';
import type { Article, KnowledgeBase, RequestClassification, SearchResult } from '../types.ts';
import { detectLanguage } from './analysis/language.ts';
import { classConfidence, DEFAULT_CONFIDENCE_OPTIONS, isAmbiguous, type ConfidenceOptions } from './confidence.ts';
import { DEFAULT_CLASSIFIER_OPTIONS, IntentClassifier, type ClassifierOptions } from './model/classifier.ts';
import { russianReading } from './russian-reading.ts';
import { articlePassages } from './passages.ts';
import { HitRanking } from './hit-ranking.ts';
import { classifyRequest } from './request/classify.ts';

export interface EngineOptions {
  classifier?: Partial<ClassifierOptions>;
  confidence?: Partial<ConfidenceOptions>;
}

export interface EngineStats {
  articles: number;
  /** Example questions of all articles. */
  examples: number;
  /** Everything the models learn from: examples, titles, tags and body passages. */
  trainingTexts: number;
  buildMs: number;
  /** Threads the build used: 2 on large bases, where a helper thread trains part of the models. */
  buildThreads: number;
}

export interface KnowledgeEngine extends KnowledgeBase {
  /** The confidence a best hit needs for `confident`. */
  readonly threshold: number;
  readonly stats: EngineStats;
  /** The message as search reads it: Russian typed on the English layout comes back in Cyrillic. */
  readAs(text: string): string;
}

const DEFAULT_LIMIT = 5;

export function buildKnowledgeEngine(articles: ReadonlyArray<Article>, options: EngineOptions = {}): KnowledgeEngine {
  const started = performance.now();
  const confidenceOptions = { ...DEFAULT_CONFIDENCE_OPTIONS, ...options.confidence };
  const byKey = new Map(articles.map((a) => [a.key, a]));
  const { texts, labels, isExample } = trainingTexts(articles);
  const classifierOptions = {
    ...DEFAULT_CLASSIFIER_OPTIONS,
    calibrationThreshold: confidenceOptions.threshold,
    ...options.classifier,
  };
  const ranking = new HitRanking(articles);
  const classGroups = Array.from(ranking.idOf);
  const classifier =
    articles.length > 0
      ? IntentClassifier.train(texts, labels, articles.length, classifierOptions, isExample, classGroups)
      : undefined;
  const languages = new Set(articles.map((a) => a.language));
  // Each article's confidence in the current search (searches run one at a time: reused).
  const confidence = new Float64Array(articles.length);

  const search = (typed: string, opts: { limit?: number; language?: Language } = {}): SearchResult => {
    const text = classifier ? russianReading(typed, classifier) : typed;
    const detected = detectLanguage(text);
    const language = opts.language ?? detected.language;
    if (!classifier) return { hits: [], confident: false, ambiguous: false, language };
    const prediction = classifier.predict(text);
    // An explicit language restricts the answers to it when the knowledge base has any in it; a detected
    // one only breaks ties between translations of the same article (detection of "vpn" is a guess).
    const restrict = opts.language !== undefined && languages.has(opts.language);
    for (let c = 0; c < articles.length; c += 1) {
      confidence[c] = restrict && articles[c]!.language !== language ? NaN : round(classConfidence(prediction, c));
    }
    const hits = ranking.top(confidence, language, opts.limit ?? DEFAULT_LIMIT);
    const best = hits[0]?.confidence ?? 0;
    const second = hits[1]?.confidence ?? 0;
    return {
      hits,
      confident: best >= confidenceOptions.threshold,
      ambiguous: isAmbiguous(best, second, confidenceOptions),
      language,
    };
  };

  const classify = (typed: string): RequestClassification => {
    // Priority and type cues ("срочно", "весь отдел") are read in the same reading search uses.
    const text = classifier ? russianReading(typed, classifier) : typed;
    const result = search(text, { limit: Math.min(articles.length, 20) });
    return classifyRequest(text, result, byKey);
  };

  return {
    search,
    classify,
    readAs: (text) => (classifier ? russianReading(text, classifier) : text),
    article: (key) => byKey.get(key),
    threshold: confidenceOptions.threshold,
    stats: {
      articles: articles.length,
      examples: isExample.filter(Boolean).length,
      trainingTexts: texts.length,
      buildMs: performance.now() - started,
      buildThreads: classifier?.helped ? 2 : 1,
    },
  };
}

function trainingTexts(articles: ReadonlyArray<Article>): { texts: string[]; labels: number[]; isExample: boolean[] } {
  const texts: string[] = [];
  const labels: number[] = [];
  const isExample: boolean[] = [];
  const add = (text: string, c: number, example: boolean): void => {
    if (!text.trim()) return;
    texts.push(text);
    labels.push(c);
    isExample.push(example);
  };
  const passages = articlePassages(articles);
  articles.forEach((article, c) => {
    for (const example of article.examples) add(example, c, true);
    add(article.title, c, false);
    if (article.tags.length > 0) add(article.tags.join(' '), c, false);
    // Not example questions: never held out as queries when the build fits its answerability scorer.
    for (const passage of passages[c]!) add(passage, c, false);
  });
  return { texts, labels, isExample };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
