/** getMe at start: proves the token works and tells us the bot's id (to recognise replies to its posts). */
import type { UserFromGetMe } from 'telegraf/types';
import type { BotApi } from '../api/bot-api.ts';
import { describeError, redactToken, TelegramApiError } from '../api/errors.ts';
import { TelegramStartupError } from './errors.ts';

export async function verifyToken(api: BotApi, apiRoot: string): Promise<UserFromGetMe> {
  try {
    return await api.call('getMe', {});
  } catch (error) {
    if (error instanceof TelegramApiError && (error.errorCode === 401 || error.errorCode === 404)) {
      throw new TelegramStartupError(
        'token_rejected',
        redactToken(`TELEGRAM_BOT_TOKEN was rejected by Telegram (${error.errorCode} ${error.description}). Copy the token from @BotFather again.`),
      );
    }
    throw new TelegramStartupError('api_unreachable', `Telegram Bot API at ${apiRoot} did not answer getMe: ${describeError(error)}`);
  }
}
