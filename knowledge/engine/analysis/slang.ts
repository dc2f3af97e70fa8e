/**
 * Russian spellings and slang for IT terms that article authors write in Latin or in full ("впн" for
 * VPN, "комп" for компьютер). Character n-grams cannot bridge scripts, so the canonical form is added
 * next to the user's word.
 */
const SLANG: Record<string, string> = {
  впн: 'vpn',
  вайфай: 'wifi',
  вифи: 'wifi',
  аутлук: 'outlook',
  аутлуке: 'outlook',
  зум: 'zoom',
  зуме: 'zoom',
  тимс: 'teams',
  тимсе: 'teams',
  винда: 'windows',
  винде: 'windows',
  комп: 'компьютер',
  компе: 'компьютер',
  ноут: 'ноутбук',
  ноуте: 'ноутбук',
  принтак: 'принтер',
  учетка: 'учетная',
  учетку: 'учетная',
  инет: 'интернет',
  инета: 'интернет',
  пасс: 'пароль',
  мфа: 'mfa',
  email: 'почта',
  емейл: 'почта',
  имейл: 'почта',
};

/** Canonical form of a folded token, if it is known slang. */
export function canonicalForm(token: string): string | undefined {
  return SLANG[token];
}
