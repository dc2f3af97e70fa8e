/**
 * One pass of analysis per text: tokens, their stems and whether they are stop words. Feature extraction
 * and retrieval both start from this.
 */
import { isStopWord } from './stopwords.ts';
import { stemToken } from './stemmers.ts';
import { tokenize } from './tokenize.ts';

export interface AnalyzedText {
  /** Folded surface forms ("ёмкость" -> "емкость"), used for character n-grams (typo tolerance). */
  tokens: string[];
  /** Stems, parallel to `tokens`. */
  stems: string[];
  /** Stop-word flags, parallel to `tokens`. */
  stop: boolean[];
}

export function analyze(text: string): AnalyzedText {
  const tokens = tokenize(text);
  return { tokens, stems: tokens.map(stemToken), stop: tokens.map(isStopWord) };
}
