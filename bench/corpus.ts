/**
 * What the simulated users write: IT-support questions in English and Russian (phrased differently from
 * the knowledge base's own examples), plus the small talk real chats have (thanks, "did not help").
 */
const EN = [
  'VPN does not connect from home, it says authentication failed',
  'I forgot my password and now my account is locked',
  'outlook keeps asking for my password every few minutes',
  'the printer on the 3rd floor shows paper jam but there is no paper stuck',
  'how do I get access to the finance shared drive?',
  'my laptop is very slow after the last update',
  'wifi in the meeting room keeps dropping',
  'I got a suspicious email asking me to confirm my bank details',
  'need a license for Visio please',
  'my second monitor is not detected',
  'teams calls have no sound',
  'how can I set up MFA on a new phone?',
  'cannot open the CRM, error 500',
  'please install Python on my workstation',
  'lost my laptop on the train, what do I do',
  'calendar invites do not show up on my phone',
];

const RU = [
  'не подключается VPN из дома, пишет ошибку авторизации',
  'забыл пароль, учётная запись заблокирована',
  'аутлук постоянно просит пароль',
  'принтер на третьем этаже пишет замятие бумаги',
  'как получить доступ к общей папке бухгалтерии?',
  'ноутбук сильно тормозит после обновления',
  'в переговорке постоянно отваливается вайфай',
  'пришло подозрительное письмо с просьбой подтвердить данные карты',
  'нужна лицензия на визио',
  'не определяется второй монитор',
  'в тимсе нет звука на звонках',
  'как настроить двухфакторную аутентификацию на новом телефоне?',
  'не открывается CRM, ошибка 500',
  'установите пожалуйста python на рабочий компьютер',
  'потерял ноутбук в поезде, что делать',
  'приглашения в календаре не приходят на телефон',
];

const SMALL_TALK = { en: ['thanks!', 'did not help', 'still broken'], ru: ['спасибо!', 'не помогло', 'всё ещё не работает'] };

/** A deterministic pseudo-random generator (mulberry32), so runs are repeatable with --seed. */
export function rng(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedMessage {
  userId: number;
  language: 'en' | 'ru';
  text: string;
}

/**
 * N messages from M users in a shuffled order (each user's own messages keep their order): a user's first
 * message is a first contact, the rest are a returning user's; every fifth message is small talk.
 */
export function planMessages(messages: number, users: number, seed: number): PlannedMessage[] {
  const random = rng(seed);
  const perUser = Array.from({ length: users }, (_, i) => Math.floor(messages / users) + (i < messages % users ? 1 : 0));
  const order: number[] = [];
  perUser.forEach((count, user) => {
    for (let k = 0; k < count; k++) order.push(user);
  });
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const seen = new Map<number, number>();
  return order.map((user) => {
    const language = user % 2 === 0 ? 'en' : 'ru';
    const k = seen.get(user) ?? 0;
    seen.set(user, k + 1);
    const pool = language === 'en' ? EN : RU;
    const text = k > 0 && k % 5 === 0 ? SMALL_TALK[language][k % 3]! : pool[Math.floor(random() * pool.length)]!;
    return { userId: 700_000_000 + user, language, text };
  });
}
