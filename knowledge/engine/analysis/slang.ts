/**
 * Russian spellings and slang for IT terms that article authors write in Latin or in full ("впн" for
 * VPN, "комп" for компьютер). Character n-grams cannot bridge scripts or a clipped word, so the canonical
 * form is added next to the user's word. Entries are base forms; inflected ones ("ноута", "винду",
 * "учетки") are found by their Russian stem.
 */
import { stemToken } from './stemmers.ts';

export const SLANG: Readonly<Record<string, string>> = {
  впн: 'vpn',
  вайфай: 'wifi',
  вайфая: 'wifi', // its stem is not вайфай's
  вифай: 'wifi',
  вифи: 'wifi',
  аутлук: 'outlook',
  зум: 'zoom',
  тимс: 'teams',
  тимз: 'teams',
  скайп: 'skype',
  винда: 'windows',
  виндовс: 'windows',
  эксель: 'excel',
  ворд: 'word',
  комп: 'компьютер',
  ноут: 'ноутбук',
  принтак: 'принтер',
  клава: 'клавиатура',
  прога: 'программа',
  флешка: 'usb',
  симка: 'sim',
  учетка: 'учетная',
  инет: 'интернет',
  мфа: 'mfa',
  двухфакторка: 'двухфакторная',
  коннектиться: 'подключаться',
  законнектиться: 'подключиться',
  email: 'почта',
  емейл: 'почта',
  имейл: 'почта',
};

const CYRILLIC_WORD = /^\p{Script=Cyrillic}+$/u;
const BY_STEM = new Map<string, string>();
for (const [word, canonical] of Object.entries(SLANG)) {
  if (CYRILLIC_WORD.test(word)) BY_STEM.set(stemToken(word), canonical);
}

/** Canonical form of a folded token, if it is known slang (in any inflection, for Russian words). */
export function canonicalForm(token: string): string | undefined {
  const direct = SLANG[token];
  if (direct !== undefined || token.length <= 3 || !CYRILLIC_WORD.test(token)) return direct;
  return BY_STEM.get(stemToken(token));
}
