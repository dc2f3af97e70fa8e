/**
 * Tokeniser that keeps Cyrillic, digits and product names. natural's default tokeniser keeps only
 * [a-z0-9], which turns every Russian message into nothing.
 */
import { foldText } from './normalize.ts';
import { canonicalForm } from './slang.ts';

// A word is a run of letters/digits, optionally joined by hyphens, dots or apostrophes ("wi-fi",
// "node.js", "can't"), so product names and contractions stay one token.
const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

/**
 * Folded tokens of `text`, joiners removed: "Wi-Fi" -> "wifi", "can't" -> "cant", "Ёмкость" -> "емкость".
 * Known slang is followed by its canonical form: "впн" -> "впн", "vpn".
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of foldText(text).matchAll(WORD)) {
    const token = match[0].replace(/[-'’.]/g, '');
    tokens.push(token);
    const canonical = canonicalForm(token);
    if (canonical !== undefined) tokens.push(canonical);
  }
  return tokens;
}
