/** Small hand-made knowledge bases for engine tests (not a test file itself). */
import type { Article } from '../../knowledge/types.ts';

type Draft = Pick<Article, 'id' | 'language' | 'title' | 'category' | 'type' | 'examples'> & { body?: string };

const article = (d: Draft): Article => ({ key: `${d.language}/${d.id}`, tags: [], body: d.body ?? d.title, ...d });

export const ENGLISH: Article[] = [
  article({ id: 'password-reset', language: 'en', title: 'Reset a forgotten password', category: 'accounts', type: 'service_request',
    examples: ['I forgot my password', 'how do I reset my password', 'password expired, need a new one', 'cannot remember my login password'] }),
  article({ id: 'vpn', language: 'en', title: 'VPN does not connect', category: 'network', type: 'incident',
    examples: ['VPN will not connect from home', 'the vpn client shows an error', 'cannot reach the office network remotely', 'vpn keeps dropping'] }),
  article({ id: 'printer-jam', language: 'en', title: 'Printer paper jam', category: 'printing', type: 'incident',
    examples: ['printer says paper jam', 'paper is stuck in the printer', 'the printer jammed again', 'printer eats the paper'] }),
  article({ id: 'new-laptop', language: 'en', title: 'Order a new laptop', category: 'hardware', type: 'service_request',
    examples: ['I need a new laptop', 'how do I order a computer for a new hire', 'request a replacement notebook', 'my laptop is too old, can I get a new one'] }),
];

export const RUSSIAN: Article[] = [
  article({ id: 'password-reset', language: 'ru', title: 'Сброс забытого пароля', category: 'accounts', type: 'service_request',
    examples: ['забыл пароль', 'как сбросить пароль', 'истёк срок действия пароля', 'не помню пароль от учётной записи'] }),
  article({ id: 'vpn', language: 'ru', title: 'Не подключается VPN', category: 'network', type: 'incident',
    examples: ['не подключается vpn из дома', 'vpn выдаёт ошибку', 'не могу попасть в сеть офиса удалённо', 'vpn постоянно отваливается'] }),
  article({ id: 'printer-jam', language: 'ru', title: 'Замятие бумаги в принтере', category: 'printing', type: 'incident',
    examples: ['принтер пишет замятие бумаги', 'бумага застряла в принтере', 'принтер зажевал лист', 'принтер мнёт бумагу'] }),
  article({ id: 'new-laptop', language: 'ru', title: 'Заказ нового ноутбука', category: 'hardware', type: 'service_request',
    examples: ['нужен новый ноутбук', 'как заказать компьютер новому сотруднику', 'хочу заменить старый ноутбук', 'ноутбук устарел, можно новый'] }),
];
