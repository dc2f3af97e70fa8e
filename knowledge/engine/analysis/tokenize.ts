/**
 * Tokeniser that keeps Cyrillic, digits and product names. natural's default tokeniser keeps only
 * [a-z0-9], which turns every Russian message into nothing.
 */
import { foldText } from './normalize.ts';

// A word is a run of letters/digits, optionally joined by hyphens, dots or apostrophes ("wi-fi",
// "node.js", "can't"), so product names and contractions stay one token.
const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

/** Folded tokens of `text`, joiners removed: "Wi-Fi" -> "wifi", "can't" -> "cant", "Ёмкость" -> "емкость". */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of foldText(text).matchAll(WORD)) {
    tokens.push(match[0].replace(/[-'’.]/g, ''));
  }
  return tokens;
}
