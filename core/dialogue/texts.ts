/**
 * Everything the bot says, in English and Russian. Keyed by a union so a missing translation is a
 * compile error. Functions take only plain values; adapters escape the result for their markup.
 */
import type { Language } from '../model/messages.ts';

export interface Texts {
  greeting: string;
  help: string;
  askDescribe: string;
  articleIntro: (ticket: string) => string;
  didItHelp: string;
  helped: string;
  notHelped: string;
  talkToPerson: string;
  whichOne: string;
  noneOfThese: string;
  resolvedBySelfService: (ticket: string) => string;
  escalated: (ticket: string, when: string | undefined) => string;
  escalatedUrgent: (ticket: string) => string;
  noAnswer: (ticket: string, when: string | undefined) => string;
  alreadyWithHuman: (ticket: string) => string;
  agentTook: (ticket: string, agent: string) => string;
  agentResolved: (ticket: string) => string;
  askCsat: string;
  csatThanks: (score: number) => string;
  csatAlready: string;
  reopened: (ticket: string) => string;
  welcome: string;
  staleButton: string;
  unknownCommand: (command: string) => string;
  noTickets: string;
  ticketsHeader: string;
  ticketLine: (ticket: string, status: string, subject: string) => string;
  newRequest: string;
  cancelled: (ticket: string) => string;
  nothingToCancel: string;
  cannotCancel: (ticket: string) => string;
  status: Record<string, string>;
  processingFailed: string;
  attachmentSaved: string;
}

const en: Texts = {
  greeting:
    "Hello! I'm the IT help desk assistant. Describe your problem in a sentence or two and I'll look for an answer in our knowledge base. If I can't help, I'll pass your request to an engineer. Every request gets a ticket number so nothing gets lost.",
  help:
    'Write your question in your own words, e.g. "VPN does not connect" or "forgot my password".\nCommands:\n/new - start a new request\n/tickets - your tickets and their status\n/human - talk to a person\n/cancel - cancel the current request\n/help - this message',
  askDescribe: 'Please describe the problem in a few words, and I will look for an answer.',
  articleIntro: (t) => `Ticket ${t}. This article should help:`,
  didItHelp: 'Did this help?',
  helped: 'Helped',
  notHelped: "Didn't help",
  talkToPerson: 'Talk to a person',
  whichOne: 'Which of these is closest to your question?',
  noneOfThese: 'None of these',
  resolvedBySelfService: (t) => `Glad it helped! Ticket ${t} is closed. Write any time if something else comes up.`,
  escalated: (t, when) =>
    `I've passed ticket ${t} to an engineer. They will reply here${when ? `; the next person is available ${when}` : ''}. You can add details or screenshots in the meantime.`,
  escalatedUrgent: (t) => `This looks urgent: ticket ${t} went straight to an engineer with high priority. They will reply here.`,
  noAnswer: (t, when) =>
    `I couldn't find an answer in the knowledge base, so ticket ${t} went to an engineer. They will reply here${when ? `; the next person is available ${when}` : ''}.`,
  alreadyWithHuman: (t) => `Ticket ${t} is already with an engineer; your messages go straight to them.`,
  agentTook: (t, agent) => `${agent} from the help desk has taken ticket ${t}.`,
  agentResolved: (t) => `Ticket ${t} has been resolved.`,
  askCsat: 'How satisfied are you with the help you got? (1 = very poor, 5 = excellent)',
  csatThanks: (s) => `Thank you for your rating (${s}/5)!`,
  csatAlready: 'You have already rated this ticket. Thank you!',
  reopened: (t) => `Ticket ${t} is reopened; the engineer will see your message.`,
  welcome: "You're welcome! Write any time you need help.",
  staleButton: 'This button is no longer active. Write your question, or use /help.',
  unknownCommand: (c) => `I don't know the command ${c}. Use /help to see what I can do.`,
  noTickets: 'You have no tickets yet.',
  ticketsHeader: 'Your recent tickets:',
  ticketLine: (t, status, subject) => `${t} - ${status} - ${subject}`,
  newRequest: 'OK, a new request. Describe the problem in a sentence or two.',
  cancelled: (t) => `Ticket ${t} is cancelled.`,
  nothingToCancel: 'You have no open request to cancel.',
  cannotCancel: (t) => `Ticket ${t} is already with an engineer; ask them to close it if it is no longer needed.`,
  status: {
    new: 'new',
    answered_by_bot: 'answered by the bot',
    resolved_by_self_service: 'solved by self-service',
    escalated: 'waiting for an engineer',
    assigned: 'taken by an engineer',
    waiting_for_user: 'waiting for your reply',
    in_progress: 'in progress',
    resolved: 'resolved',
    closed: 'closed',
    cancelled: 'cancelled',
  },
  processingFailed: 'Sorry, something went wrong while handling your message. It is saved, and we will get back to you.',
  attachmentSaved: 'File received and attached to your ticket.',
};

const ru: Texts = {
  greeting:
    'Здравствуйте! Я помощник службы ИТ-поддержки. Опишите проблему в одном-двух предложениях, и я поищу ответ в базе знаний. Если не смогу помочь, передам запрос инженеру. Каждое обращение получает номер заявки, так что ничего не потеряется.',
  help:
    'Напишите вопрос своими словами, например: «не подключается VPN» или «забыл пароль».\nКоманды:\n/new - новое обращение\n/tickets - ваши заявки и их статус\n/human - связаться с человеком\n/cancel - отменить текущее обращение\n/help - эта справка',
  askDescribe: 'Опишите, пожалуйста, проблему в нескольких словах, и я поищу ответ.',
  articleIntro: (t) => `Заявка ${t}. Вот что должно помочь:`,
  didItHelp: 'Помогло?',
  helped: 'Помогло',
  notHelped: 'Не помогло',
  talkToPerson: 'Связаться с человеком',
  whichOne: 'Что из этого ближе к вашему вопросу?',
  noneOfThese: 'Ничего из этого',
  resolvedBySelfService: (t) => `Рад, что помогло! Заявка ${t} закрыта. Пишите, если появится что-то ещё.`,
  escalated: (t, when) =>
    `Я передал заявку ${t} инженеру. Ответ придёт сюда${when ? `; ближайший специалист будет доступен ${when}` : ''}. Пока можно добавить подробности или скриншоты.`,
  escalatedUrgent: (t) => `Похоже, это срочно: заявка ${t} сразу передана инженеру с высоким приоритетом. Ответ придёт сюда.`,
  noAnswer: (t, when) =>
    `Я не нашёл ответа в базе знаний, поэтому заявка ${t} передана инженеру. Ответ придёт сюда${when ? `; ближайший специалист будет доступен ${when}` : ''}.`,
  alreadyWithHuman: (t) => `Заявка ${t} уже у инженера; ваши сообщения передаются ему напрямую.`,
  agentTook: (t, agent) => `${agent} из службы поддержки взял(а) заявку ${t} в работу.`,
  agentResolved: (t) => `Заявка ${t} решена.`,
  askCsat: 'Насколько вы довольны помощью? (1 - очень плохо, 5 - отлично)',
  csatThanks: (s) => `Спасибо за оценку (${s}/5)!`,
  csatAlready: 'Вы уже оценили эту заявку. Спасибо!',
  reopened: (t) => `Заявка ${t} снова открыта; инженер увидит ваше сообщение.`,
  welcome: 'Пожалуйста! Обращайтесь, если понадобится помощь.',
  staleButton: 'Эта кнопка уже неактивна. Напишите вопрос или наберите /help.',
  unknownCommand: (c) => `Я не знаю команду ${c}. Наберите /help, чтобы увидеть, что я умею.`,
  noTickets: 'У вас пока нет заявок.',
  ticketsHeader: 'Ваши последние заявки:',
  ticketLine: (t, status, subject) => `${t} - ${status} - ${subject}`,
  newRequest: 'Хорошо, новое обращение. Опишите проблему в одном-двух предложениях.',
  cancelled: (t) => `Заявка ${t} отменена.`,
  nothingToCancel: 'У вас нет открытого обращения, которое можно отменить.',
  cannotCancel: (t) => `Заявка ${t} уже у инженера; попросите его закрыть её, если она больше не нужна.`,
  status: {
    new: 'новая',
    answered_by_bot: 'бот предложил решение',
    resolved_by_self_service: 'решена самостоятельно',
    escalated: 'ждёт инженера',
    assigned: 'взята инженером',
    waiting_for_user: 'ждёт вашего ответа',
    in_progress: 'в работе',
    resolved: 'решена',
    closed: 'закрыта',
    cancelled: 'отменена',
  },
  processingFailed: 'Извините, при обработке сообщения что-то пошло не так. Оно сохранено, мы свяжемся с вами.',
  attachmentSaved: 'Файл получен и приложен к заявке.',
};

export const TEXTS: Record<Language, Texts> = { en, ru };

export function textsFor(language: Language): Texts {
  return TEXTS[language];
}
