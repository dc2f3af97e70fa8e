/**
 * Contracts of the knowledge side. The engine is pure: articles in, ranked answers out, no I/O.
 */
import type { Language } from '../core/model/messages.ts';

export const CATEGORIES = [
  'accounts', // passwords, lock-outs, MFA, access requests
  'network', // VPN, Wi-Fi, internet, network drives
  'email', // mail, calendar, distribution lists
  'hardware', // laptops, monitors, peripherals, mobile phones
  'printing', // printers, scanners
  'software', // installation, licences, business applications
  'telephony', // desk phones, softphone, conferencing
  'security', // phishing, malware, lost devices
  'general', // anything else
] as const;
export type Category = (typeof CATEGORIES)[number];

export const REQUEST_TYPES = ['incident', 'service_request'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** One knowledge-base article (one language). `key` is `${language}/${id}`. */
export interface Article {
  key: string;
  id: string;
  language: Language;
  title: string;
  /** Markdown body (the steps), front matter removed. */
  body: string;
  category: Category | string;
  type: RequestType;
  tags: string[];
  /** Example questions users ask that this article answers. */
  examples: string[];
  /** Source file, for error messages and reloads; absent for articles built from datasets. */
  path?: string;
}

export interface SearchHit {
  articleKey: string;
  /** Calibrated confidence in [0, 1] that this article answers the query. */
  confidence: number;
}

export interface SearchResult {
  /** Best first; at most `limit` hits. */
  hits: SearchHit[];
  /** True when the best hit clears the engine's threshold: the bot may answer with it. */
  confident: boolean;
  /** True when the best two are too close to tell apart: the dialogue may ask which one was meant. */
  ambiguous: boolean;
  /** Language detected in the query. */
  language: Language;
}

export interface RequestClassification {
  category: string;
  categoryConfidence: number;
  type: RequestType;
  typeConfidence: number;
  priority: Priority;
  priorityConfidence: number;
  language: Language;
  languageConfidence: number;
}

/** What the dialogue core needs from the knowledge side. */
export interface KnowledgeBase {
  search(text: string, options?: { limit?: number; language?: Language }): SearchResult;
  classify(text: string): RequestClassification;
  article(key: string): Article | undefined;
}

/** What the dialogue core uses: the knowledge base plus language detection for choosing reply language. */
export interface KnowledgeService extends KnowledgeBase {
  /** Language of a text, with how sure the guess is (short texts are guesses). */
  detectLanguage(text: string): { language: Language; confidence: number };
  /** The message as search reads it: Russian typed on the English layout comes back in Cyrillic. */
  readAs(text: string): string;
}
