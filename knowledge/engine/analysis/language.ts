/**
 * Language detection for the two languages we serve. Support messages are short and full of Latin
 * product names ("не работает VPN в Outlook"), so a Cyrillic letter counts for more than a Latin one.
 */
import type { Language } from '../../../core/model/messages.ts';

export interface DetectedLanguage {
  language: Language;
  /** In [0.5, 1]: 0.5 when there are no letters to go by. */
  confidence: number;
}

const CYRILLIC_WEIGHT = 3;

export function detectLanguage(text: string): DetectedLanguage {
  const { cyrillic, latin } = countScripts(text);
  const ru = cyrillic * CYRILLIC_WEIGHT;
  if (ru + latin === 0) return { language: 'en', confidence: 0.5 };
  const language: Language = ru >= latin ? 'ru' : 'en';
  const share = Math.max(ru, latin) / (ru + latin);
  // Very short texts ("vpn") are weak evidence even when they are all one script.
  const letters = cyrillic + latin;
  const lengthFactor = Math.min(1, letters / 12);
  return { language, confidence: round(0.5 + 0.5 * share * (0.4 + 0.6 * lengthFactor)) };
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Letters of each script. ASCII and the Russian alphabet, nearly every character we see, are told by
 * their code; anything else by the Unicode script regexes. A regex test on every character allocated a
 * string per character (~7.6 KB per search, an eighth of all a search allocates) and took ~1 ms for a
 * 20,000-character message.
 */
export function countScripts(text: string): { cyrillic: number; latin: number } {
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
    if (code < 0x80) {
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) latin += 1;
    } else if ((code >= 0x410 && code <= 0x44f) || code === 0x401 || code === 0x451) {
      cyrillic += 1;
    } else {
      const ch = String.fromCodePoint(code);
      if (CYRILLIC.test(ch)) cyrillic += 1;
      else if (LATIN.test(ch)) latin += 1;
    }
  }
  return { cyrillic, latin };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
