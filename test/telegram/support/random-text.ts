/** Seeded random text with everything that breaks formatters: markup, entities, emoji, long words. */
const PIECES = [
  'word', 'слово', ' ', ' ', ' ', '\n', '\n\n', '<', '>', '&', '&amp;', '<b>', '</i>', '*', '_', '`', '[x](y)', '"', "'",
  '😀', '👩‍👩‍👧‍👦', '🇷🇺', 'é', 'e\u0301', '\u200d', '\t', 'https://example.com/a?b=c&d=e', 'x'.repeat(50),
];

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

/** One word with no spaces at all, made of astral characters: forces hard cuts next to surrogate pairs. */
export function astralWord(length: number): string {
  return 'a😀'.repeat(Math.ceil(length / 3));
}
