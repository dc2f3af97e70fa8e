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
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic += 1;
    else if (/\p{Script=Latin}/u.test(ch)) latin += 1;
  }
  const ru = cyrillic * CYRILLIC_WEIGHT;
  if (ru + latin === 0) return { language: 'en', confidence: 0.5 };
  const language: Language = ru >= latin ? 'ru' : 'en';
  const share = Math.max(ru, latin) / (ru + latin);
  // Very short texts ("vpn") are weak evidence even when they are all one script.
  const letters = cyrillic + latin;
  const lengthFactor = Math.min(1, letters / 12);
  return { language, confidence: round(0.5 + 0.5 * share * (0.4 + 0.6 * lengthFactor)) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
