/**
 * The starter knowledge base against help-desk questions as people write them (the bench's corpus,
 * phrased unlike the articles' own examples): nearly all must get the right article with confidence.
 * Guards the small-base path of the classifier: a model that needs many examples per article must not
 * dilute the confidence of right answers there.
 */
import { describe, expect, it } from 'vitest';
import { buildKnowledgeEngine } from '../../knowledge/engine/engine.ts';
import { defaultArticlesDir, loadArticles } from '../../knowledge/loader/index.ts';

const { articles } = loadArticles(defaultArticlesDir());
const engine = buildKnowledgeEngine(articles);

const QUESTIONS: Array<[string, string]> = [
  ['VPN does not connect from home, it says authentication failed', 'vpn-troubleshooting'],
  ['outlook keeps asking for my password every few minutes', 'outlook-not-syncing'],
  ['the printer on the 3rd floor shows paper jam but there is no paper stuck', 'printer-paper-jam'],
  ['how do I get access to the finance shared drive?', 'shared-folder-access'],
  ['my laptop is very slow after the last update', 'laptop-slow'],
  ['I got a suspicious email asking me to confirm my bank details', 'phishing-report'],
  ['need a license for Visio please', 'licence-request'],
  ['my second monitor is not detected', 'monitor-docking-station'],
  ['teams calls have no sound', 'teams-problems'],
  ['please install Python on my workstation', 'software-install'],
  ['не подключается VPN из дома, пишет ошибку авторизации', 'vpn-troubleshooting'],
  ['забыл пароль, учётная запись заблокирована', 'account-locked'],
  ['аутлук постоянно просит пароль', 'outlook-not-syncing'],
  ['принтер на третьем этаже пишет замятие бумаги', 'printer-paper-jam'],
  ['как получить доступ к общей папке бухгалтерии?', 'shared-folder-access'],
  ['ноутбук сильно тормозит после обновления', 'laptop-slow'],
  ['пришло подозрительное письмо с просьбой подтвердить данные карты', 'phishing-report'],
  ['нужна лицензия на визио', 'licence-request'],
  ['не определяется второй монитор', 'monitor-docking-station'],
  ['в тимсе нет звука на звонках', 'teams-problems'],
  ['как настроить двухфакторную аутентификацию на новом телефоне?', 'mfa-reset'],
  ['установите пожалуйста python на рабочий компьютер', 'software-install'],
  ['потерял ноутбук в поезде, что делать', 'lost-stolen-device'],
];

describe('starter knowledge base on real help-desk questions', () => {
  it('answers nearly all of them with the right article, confidently', () => {
    const misses = QUESTIONS.flatMap(([question, expected]) => {
      const result = engine.search(question);
      const best = result.hits[0];
      const id = best && engine.article(best.articleKey)?.id;
      return id === expected && result.confident ? [] : [`${question} -> ${id ?? 'nothing'} ${best?.confidence ?? 0}${result.confident ? '' : ' (not confident)'}`];
    });
    // At most two of 23 may be missed. Body passages in training (knowledge/engine/passages.ts) cost the
    // "install Python" pair its confidence ("install" is in several articles' steps now, "Python" in
    // none), and raised right and confident answers 77 -> 86% on 266 held-out questions
    // (starter-heldout.test.ts).
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(2);
  });
});
