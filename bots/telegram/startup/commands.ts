/** The command menu users see, in English (also the default) and Russian. The core parses the commands. */
import type { BotCommand } from 'telegraf/types';
import type { BotApi } from '../api/bot-api.ts';

export const COMMANDS: Record<'en' | 'ru', BotCommand[]> = {
  en: [
    { command: 'start', description: 'Start or restart the conversation' },
    { command: 'help', description: 'What I can do' },
    { command: 'new', description: 'Ask a new question' },
    { command: 'tickets', description: 'My tickets' },
    { command: 'human', description: 'Talk to a person' },
    { command: 'cancel', description: 'Cancel the current step' },
  ],
  ru: [
    { command: 'start', description: 'Начать или начать заново' },
    { command: 'help', description: 'Что я умею' },
    { command: 'new', description: 'Задать новый вопрос' },
    { command: 'tickets', description: 'Мои обращения' },
    { command: 'human', description: 'Связаться с сотрудником' },
    { command: 'cancel', description: 'Отменить текущий шаг' },
  ],
};

export async function registerCommands(api: BotApi): Promise<void> {
  const scope = { type: 'all_private_chats' as const };
  await api.call('setMyCommands', { commands: COMMANDS.en, scope });
  await api.call('setMyCommands', { commands: COMMANDS.en, scope, language_code: 'en' });
  await api.call('setMyCommands', { commands: COMMANDS.ru, scope, language_code: 'ru' });
}
