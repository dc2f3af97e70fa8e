/**
 * Abstention on the starter knowledge base (knowledge/articles), which nobody tuned the engine on: everyday
 * questions outside IT support must hand off, while the base's own example questions and paraphrases with
 * typos in both languages are still answered with confidence.
 */
import { describe, expect, it } from 'vitest';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { defaultArticlesDir, loadArticles } from '../../knowledge/loader/index.ts';

const { articles } = loadArticles(defaultArticlesDir());
const engine = buildKnowledgeEngine(articles);
const answer = (text: string): { id: string | undefined; confident: boolean; confidence: number } => {
  const result = engine.search(text);
  const best = result.hits[0];
  return { id: best && engine.article(best.articleKey)?.id, confident: result.confident, confidence: best?.confidence ?? 0 };
};

const OUT_OF_SCOPE = [
  'what is the weather tomorrow',
  'what is on the cafeteria lunch menu this friday',
  'how do I order a pizza',
  'who won the football match last night',
  'tell me a joke',
  'when is salary day this month',
  'how many vacation days do I have left',
  'what is the company policy on parental leave',
  'can you recommend a good restaurant nearby',
  'what time does the gym open',
  'how do I book a flight to Berlin',
  'what is the capital of Peru',
  'where can I park my car at the office',
  'is the office closed on public holidays',
  'how do I claim travel expenses',
  'как заказать пиццу',
  'какая погода будет завтра',
  'что сегодня в столовой на обед',
  'кто выиграл футбольный матч вчера',
  'расскажи анекдот',
  'когда будет зарплата',
  'сколько у меня осталось дней отпуска',
  'как оформить отпуск по уходу за ребенком',
  'посоветуй хороший ресторан рядом',
  'во сколько открывается спортзал',
  'как купить билет на самолет в москву',
  'какая столица перу',
  'где припарковать машину у офиса',
  'работает ли офис в праздники',
  'как получить компенсацию за командировку',
];

const PARAPHRASES: Array<[string, string]> = [
  ['i forgot my pasword', 'password-reset'],
  ['how can I change my windows password', 'password-reset'],
  ['my vpn wont connect from home', 'vpn-troubleshooting'],
  ['cant connect to the wifi in the office', 'wifi-corporate'],
  ['my mailbox is full and I cannot send mail', 'mailbox-full'],
  ['paper is stuck in the printer again', 'printer-paper-jam'],
  ['nobody can hear me in a teams call', 'teams-problems'],
  ['my laptop is extremely slow', 'laptop-slow'],
  ['new phone, authenticator app is empty', 'mfa-reset'],
  ['I clicked on a link in a suspicious email', 'phishing-report'],
  ['забыла пароль от учетки', 'password-reset'],
  ['не могу подключиться к впн из дома', 'vpn-connect'],
  ['в принтере застряла бумага', 'printer-paper-jam'],
  ['ноутбук очень медленно работает', 'laptop-slow'],
  ['не приходит код для входа', 'mfa-reset'],
  ['пришло подозрительное письмо', 'phishing-report'],
  ['почтовый ящик переполнен', 'mailbox-full'],
  ['не работает вайфай в офисе', 'wifi-corporate'],
];

describe('starter knowledge base: abstention', () => {
  it.each(OUT_OF_SCOPE)('hands off an everyday question: %s', (text) => {
    const a = answer(text);
    expect(a.confident, `${a.id} at ${a.confidence}`).toBe(false);
  });

  it.each(PARAPHRASES)('answers a paraphrase with confidence: %s -> %s', (text, id) => {
    expect(answer(text)).toMatchObject({ id, confident: true });
  });

  it('answers every example question of every article with confidence', () => {
    const misses = articles.flatMap((article) =>
      article.examples
        .map((example) => ({ example, got: answer(example) }))
        .filter(({ got }) => !got.confident || got.id !== article.id)
        .map(({ example, got }) => `${article.key}: "${example}" -> ${got.id} ${got.confidence}`),
    );
    expect(misses).toEqual([]);
  });
});
