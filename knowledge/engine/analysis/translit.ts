/**
 * Russian written in Latin letters ("doma internet ne rabotaet", "zabyl parol"): what people type on a
 * phone or computer without a Russian keyboard. Informal transliteration has no single standard, so the
 * rules take the spellings people use most ("zh"/"j", "sh", "ch", "ya"/"ja", "iy"/"yy" endings) and let
 * the stemmer and character n-grams absorb the rest ("parol" reads "парол", which stems as "пароль" does).
 * Whether to use this reading is for the caller to decide (russian-reading.ts), as with the keyboard-layout
 * swap (layout.ts).
 */

// Longest first: "shch" before "sh", "sh" before "s". The reflexive verb ending "-tsya" is "-тся" (or
// "-ться" with the soft sign written), not "-ця": "vklyuchaetsya", "podklyuchit'sya".
const DIGRAPHS: ReadonlyArray<readonly [string, string]> = [
  ["t'sya", 'ться'],
  ['tsya', 'тся'],
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yo', 'ё'],
  ['jo', 'ё'],
  ['yu', 'ю'],
  ['ju', 'ю'],
  ['ya', 'я'],
  ['ja', 'я'],
];

const LETTERS: Readonly<Record<string, string>> = {
  a: 'а', b: 'б', c: 'ц', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'й', k: 'к', l: 'л', m: 'м',
  n: 'н', o: 'о', p: 'п', q: 'к', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'в', x: 'кс', z: 'з',
  "'": 'ь',
};

const VOWELS = new Set('аеёиоуыэюя');
const LATIN_WORD = /^[a-z']+$/i;

/** One Latin-letter word read as Russian, in lower case; undefined for anything else (digits, Cyrillic). */
export function fromTranslit(word: string): string | undefined {
  if (!LATIN_WORD.test(word) || !/[a-z]/i.test(word)) return undefined;
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; ) {
    const afterVowel = i === 0 || VOWELS.has(out.at(-1) ?? '');
    // "ye" is е at the start or after a vowel ("yesli", "moye") and ые after a consonant ("novye").
    if (afterVowel && lower.startsWith('ye', i)) {
      out += 'е';
      i += 2;
      continue;
    }
    const digraph = DIGRAPHS.find(([latin]) => lower.startsWith(latin, i));
    if (digraph) {
      out += digraph[1];
      i += digraph[0].length;
      continue;
    }
    const ch = lower[i]!;
    // "y" is й after a vowel ("moy", "novyy", "lichniy") and ы elsewhere ("vy", "tyl").
    out += ch === 'y' ? (i > 0 && afterVowel ? 'й' : 'ы') : (LETTERS[ch] ?? ch);
    i += 1;
  }
  return out;
}
