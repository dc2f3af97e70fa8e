/**
 * Case and letter folding shared by every analysis step. Users type "Ёлка", "ёлка" and "елка" for the
 * same word, and Russian keyboards often omit "ё", so we fold it to "е" before anything else.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

export function isCyrillic(ch: string): boolean {
  return CYRILLIC.test(ch);
}

export function isLatin(ch: string): boolean {
  return LATIN.test(ch);
}
