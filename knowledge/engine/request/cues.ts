/**
 * Cue phrases for ticket triage, in Russian and English, matched against folded text (lower case,
 * ё -> е). Patterns use word starts rather than exact words so Russian inflections match
 * ("срочн" covers "срочно", "срочная", "срочное").
 */
export type Level = 'high' | 'medium' | 'low';

const rx = (parts: string[]): RegExp => new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${parts.join('|')})`, 'u');

/** How many people or how much of the business is hit. */
export const IMPACT: Record<Exclude<Level, 'low'>, RegExp> = {
  high: rx([
    'весь (?:отдел|офис|этаж|филиал|департамент|компани)', 'всего (?:отдела|офиса|этажа|филиала)', 'всей компании',
    'вся (?:компания|команда|бухгалтерия|смена)', 'все (?:сотрудники|пользователи|отдел|клиенты|коллеги)',
    'у всех', 'никто не', 'ни у кого', 'всем отделом', 'массов', 'продакшн', 'прод(?:е|а)?(?:$|[^\\p{L}])',
    'клиенты не могут', 'касс[аы] не',
    'nobody can', 'no one can', 'noone can', 'everyone', 'everybody', 'all (?:users|staff|employees|of us|customers)',
    'whole (?:team|office|department|company|floor)', 'entire (?:team|office|department|company|floor)',
    'company[- ]wide', 'production', 'prod (?:is )?down', 'customers (?:can|are)', 'outage',
  ]),
  medium: rx([
    'несколько (?:человек|сотрудников|пользователей|коллег)', 'коллеги', 'наш(?:ему|его|ей)? (?:отдел|команд)', 'у нас',
    'several (?:users|people|colleagues)', 'my team', 'our team', 'colleagues', 'a few (?:users|people)', 'others',
  ]),
};

/** How soon work is blocked. `low` cues are checked first so "не срочно" never reads as urgent. */
export const URGENCY: Record<Level, RegExp> = {
  low: rx([
    'не срочн', 'несрочн', 'когда будет время', 'не горит', 'без спешки', 'в течение недели',
    'not urgent', 'no rush', 'whenever', 'when you have time', 'low priority', 'no hurry',
  ]),
  high: rx([
    'срочн', 'немедленно', 'горит', 'критич', 'авари', 'упал', 'лежит', 'простаива', 'не можем работать',
    'не могу работать', 'работа стоит', 'встала работа', 'вообще не работает', 'полностью не работает', 'asap',
    'urgent', 'immediately', 'critical', 'emergency', 'is down', 'are down', 'went down', 'blocked', 'outage',
    "can't work", 'cannot work', 'right now', 'production down',
  ]),
  medium: rx([
    'сегодня', 'к вечеру', 'до конца дня', 'как можно скорее', 'побыстрее', 'мешает', 'today', 'by tonight',
    'as soon as possible', 'soon', 'before my meeting', 'перед встречей',
  ]),
};

export const INCIDENT_CUES = rx([
  'не работа', 'перестал', 'сломал', 'слома', 'ошибк', 'не могу', 'не получается', 'не открыва', 'не печата',
  'не подключа', 'не запуска', 'не загружа', 'не отправля', 'не приход', 'завис', 'упал', 'глючит', 'тормоз',
  'пропал', 'не включа', 'не видит', 'вирус', 'взлом',
  'not working', "doesn't work", 'does not work', "isn't working", "won't", 'broken', 'error', 'fail',
  'crash', "can't", 'cannot', 'unable', 'stopped', 'is down', 'freez', 'hangs', 'slow', 'missing', 'virus',
  'hacked', 'problem with',
]);

export const REQUEST_CUES = rx([
  'нужен', 'нужна', 'нужно', 'нужны', 'хочу', 'хотел', 'прошу', 'установит', 'выдайте', 'выдать', 'доступ к',
  'предоставит', 'заказать', 'новый', 'новая', 'новое', 'как мне', 'как сделать', 'как настроить', 'можно ли',
  'подключите', 'создайте', 'добавьте',
  'i need', 'need a', 'need access', 'would like', "i'd like", 'please install', 'install', 'request',
  'how do i', 'how to', 'how can i', 'can i get', 'can you add', 'set up', 'new ', 'order', 'access to',
]);
