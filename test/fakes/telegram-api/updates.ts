/**
 * Builders for Telegram updates as the real Bot API sends them (only the fields that matter here).
 * Used by the fake server to enqueue user activity and by tests as fixtures.
 */
export interface FakeUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

export type UpdateBody = Record<string, unknown>;

const DATE = 1_717_000_000;

export function user(id: number, extra: Partial<FakeUser> = {}): FakeUser {
  return { id, is_bot: false, first_name: `User${id}`, language_code: 'en', ...extra };
}

export function privateChat(from: FakeUser): Record<string, unknown> {
  return { id: from.id, type: 'private', first_name: from.first_name };
}

/** A private-chat message; `content` adds text/caption/photo/document/... fields. */
export function privateMessage(from: FakeUser, messageId: number, content: Record<string, unknown>): UpdateBody {
  return { message: { message_id: messageId, date: DATE, chat: privateChat(from), from, ...content } };
}

export function privateText(from: FakeUser, messageId: number, text: string): UpdateBody {
  return privateMessage(from, messageId, { text });
}

export function buttonPress(from: FakeUser, queryId: string, data: string, chat: Record<string, unknown>, messageId = 1, extra: Record<string, unknown> = {}): UpdateBody {
  return {
    callback_query: {
      id: queryId,
      from,
      chat_instance: `ci-${String(chat['id'])}`,
      data,
      message: { message_id: messageId, date: DATE, chat, ...extra },
    },
  };
}

export function groupChat(id: number, isForum = true): Record<string, unknown> {
  return { id, type: 'supergroup', title: 'Support agents', ...(isForum ? { is_forum: true } : {}) };
}

/** An agent's message in a forum topic of the agents' group. */
export function topicMessage(chatId: number, from: FakeUser, messageId: number, topicId: number, text: string, isForum = true): UpdateBody {
  return {
    message: {
      message_id: messageId,
      date: DATE,
      chat: groupChat(chatId, isForum),
      from,
      text,
      message_thread_id: topicId,
      is_topic_message: true,
    },
  };
}

/** An agent's reply to one of the bot's posts in a plain (non-forum) group. */
export function replyToPost(chatId: number, from: FakeUser, messageId: number, replied: Record<string, unknown>, text: string): UpdateBody {
  return { message: { message_id: messageId, date: DATE, chat: groupChat(chatId, false), from, text, reply_to_message: replied } };
}
