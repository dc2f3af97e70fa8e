/**
 * Stop words for retrieval over article text. The classifier keeps them: in support questions words such
 * as "why", "how", "не" and "can't" often decide the intent ("why was my card declined" vs "how do I get
 * a card").
 */
import { createRequire } from 'node:module';
import { foldText } from './normalize.ts';

const require = createRequire(import.meta.url);
const en = require('natural/lib/natural/util/stopwords.js') as { words: string[] };
const ru = require('natural/lib/natural/util/stopwords_ru.js') as { words: string[] };

// Chat filler that the library lists lack.
const EXTRA = ['please', 'hi', 'hello', 'thanks', 'пожалуйста', 'привет', 'здравствуйте', 'спасибо', 'подскажите'];

const STOP_WORDS: ReadonlySet<string> = new Set(
  [...en.words, ...ru.words, ...EXTRA].map((w) => foldText(w).replace(/['’]/g, '')),
);

export function isStopWord(foldedToken: string): boolean {
  return STOP_WORDS.has(foldedToken);
}
