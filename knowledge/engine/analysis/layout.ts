/**
 * Text typed with the wrong keyboard layout (the standard Russian PC layout): Russian words typed while the English (QWERTY) layout was on
 * come out as "pf,sk gfhjkm" for "забыл пароль". People do this all the time in chats, and the message is
 * then Latin gibberish to everything downstream. The ЙЦУКЕН layout maps key by key, so the fix is a
 * lookup; whether to apply it is for the caller to decide (the knowledge base knows which reading it has
 * words for).
 */

// Same keys, in the same order, on the two layouts (letters, then the shifted digits that differ).
const QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?@#$^&|";
const JCUKEN = 'ёйцукенгшщзхъфывапролджэячсмитьбю.ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,"№;:?/';

const toRussian = new Map<string, string>([...QWERTY].map((ch, i) => [ch, JCUKEN[i]!]));
const LATIN_LETTER = /[a-z]/i;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** `text` as if typed on the Russian layout, or undefined when it has Cyrillic already or no Latin letters. */
export function fromEnglishLayout(text: string): string | undefined {
  if (CYRILLIC.test(text) || !LATIN_LETTER.test(text)) return undefined;
  let out = '';
  for (const ch of text) out += toRussian.get(ch) ?? ch;
  return out;
}
