/** Looks at the agents' group once at start: is the bot in it, and is it a forum (one topic per ticket)? */
import type { BotApi } from '../api/bot-api.ts';
import { describeError } from '../api/errors.ts';
import type { TelegramLogger } from '../logger.ts';

export async function inspectAgentChat(api: BotApi, chatId: string, logger: TelegramLogger): Promise<boolean | undefined> {
  try {
    const chat = await api.call('getChat', { chat_id: chatId });
    const forum = 'is_forum' in chat && chat.is_forum === true;
    logger.info({ agentChatId: chatId, forum }, forum ? 'telegram: agents group is a forum; one topic per ticket' : 'telegram: agents group is not a forum; reply threads per ticket');
    return forum;
  } catch (error) {
    logger.warn({ agentChatId: chatId, detail: describeError(error) }, 'telegram: cannot read TELEGRAM_AGENT_CHAT_ID; add the bot to the group (admin, topics right) -- will retry on first notice');
    return undefined;
  }
}
