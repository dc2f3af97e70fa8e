/**
 * The Bot API methods the fake implements, over `FakeState`. Each returns the API's JSON envelope and
 * HTTP status, refusing what the real API refuses (bad HTML, too long, empty, blocked users, 64-byte
 * callback data, unknown topics). getUpdates lives in the server (it long-polls).
 */
import { parseTelegramHtml } from './html.ts';
import type { FakeRateEnforcer } from './rate.ts';
import type { FakeState } from './state.ts';

export type Params = Record<string, unknown>;
export interface Reply {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: Record<string, number> };
}

export interface MethodContext {
  state: FakeState;
  bot: { id: number; username: string; first_name: string };
  limiter?: FakeRateEnforcer;
  now: () => number;
}

export const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });
export const fail = (status: number, description: string, parameters?: Record<string, number>): Reply => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

type Method = (params: Params, ctx: MethodContext) => Reply;

export const METHODS: Record<string, Method> = {
  getMe: (_p, ctx) => ok({ ...ctx.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false }),
  getChat: (p, ctx) => {
    const id = String(p['chat_id'] ?? '');
    const chat = ctx.state.chats.get(id);
    if (chat) return ok(chat);
    return Number(id) > 0 ? ok({ id: Number(id), type: 'private' }) : fail(400, 'Bad Request: chat not found');
  },
  setMyCommands: (p, ctx) => {
    ctx.state.commands.set(String(p['language_code'] ?? ''), p['commands']);
    return ok(true);
  },
  setWebhook: (p, ctx) => {
    ctx.state.webhook = { url: String(p['url']), ...(p['secret_token'] ? { secret: String(p['secret_token']) } : {}) };
    return ok(true);
  },
  deleteWebhook: (p, ctx) => {
    ctx.state.webhook = undefined;
    if (p['drop_pending_updates'] === true) ctx.state.updates = [];
    return ok(true);
  },
  answerCallbackQuery: (p, ctx) => {
    ctx.state.answeredCallbacks.push(String(p['callback_query_id']));
    return ok(true);
  },
  sendMessage: (p, ctx) => {
    const chatId = String(p['chat_id'] ?? '');
    const refusal = checkChat(chatId, ctx) ?? checkMarkup(p['reply_markup']) ?? checkThread(chatId, p['message_thread_id'], ctx);
    if (refusal) return refusal;
    const text = visibleText(p);
    if (!text.ok) return text.reply;
    const wait = ctx.limiter?.check(chatId) ?? 0;
    if (wait) return fail(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    const messageId = ctx.state.nextMessageId(chatId);
    const replyTo = (p['reply_parameters'] as { message_id?: number } | undefined)?.message_id;
    ctx.state.record({
      chatId,
      messageId,
      html: String(p['text']),
      text: text.text,
      ...(p['parse_mode'] ? { parseMode: String(p['parse_mode']) } : {}),
      ...(p['reply_markup'] ? { replyMarkup: p['reply_markup'] } : {}),
      ...(typeof p['message_thread_id'] === 'number' ? { threadId: p['message_thread_id'] } : {}),
      ...(typeof replyTo === 'number' ? { replyTo } : {}),
      at: ctx.now(),
    });
    return ok(messageObject(ctx, chatId, messageId, text.text, p));
  },
  editMessageText: (p, ctx) => {
    const chatId = String(p['chat_id'] ?? '');
    const message = ctx.state.findSent(chatId, Number(p['message_id']));
    if (!message) return fail(400, 'Bad Request: message to edit not found');
    const text = visibleText(p);
    if (!text.ok) return text.reply;
    if (message.html === p['text']) return fail(400, 'Bad Request: message is not modified');
    message.html = String(p['text']);
    message.text = text.text;
    return ok(messageObject(ctx, chatId, message.messageId, text.text, p));
  },
  createForumTopic: (p, ctx) => {
    const chatId = String(p['chat_id'] ?? '');
    const chat = ctx.state.chats.get(chatId);
    if (!chat) return fail(400, 'Bad Request: chat not found');
    if (!chat.is_forum) return fail(400, 'Bad Request: the chat is not a forum');
    const name = String(p['name'] ?? '');
    if (!name || name.length > 128) return fail(400, 'Bad Request: TOPIC_NAME_INVALID');
    const wait = ctx.limiter?.check(chatId) ?? 0;
    if (wait) return fail(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    const threadId = ctx.state.nextMessageId(chatId);
    ctx.state.topics.push({ chatId, threadId, name });
    return ok({ message_thread_id: threadId, name, icon_color: 7322096 });
  },
};

function checkChat(chatId: string, ctx: MethodContext): Reply | undefined {
  if (!/^-?\d+$/.test(chatId)) return fail(400, 'Bad Request: chat not found');
  if (ctx.state.blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
  if (chatId.startsWith('-') && !ctx.state.chats.has(chatId)) return fail(400, 'Bad Request: chat not found');
  return undefined;
}

function checkThread(chatId: string, threadId: unknown, ctx: MethodContext): Reply | undefined {
  if (threadId === undefined) return undefined;
  const exists = ctx.state.topics.some((topic) => topic.chatId === chatId && topic.threadId === threadId);
  return exists ? undefined : fail(400, 'Bad Request: message thread not found');
}

function checkMarkup(markup: unknown): Reply | undefined {
  const rows = (markup as { inline_keyboard?: Array<Array<{ text?: string; callback_data?: string }>> } | undefined)?.inline_keyboard;
  for (const button of rows?.flat() ?? []) {
    if (!button.text) return fail(400, 'Bad Request: BUTTON_TEXT_EMPTY'); // wording approximated; the real API refuses too
    if (button.callback_data !== undefined && (button.callback_data === '' || Buffer.byteLength(button.callback_data) > 64)) {
      return fail(400, 'Bad Request: BUTTON_DATA_INVALID');
    }
  }
  return undefined;
}

function visibleText(p: Params): { ok: true; text: string } | { ok: false; reply: Reply } {
  const raw = typeof p['text'] === 'string' ? p['text'] : '';
  const parsed = p['parse_mode'] === 'HTML' ? parseTelegramHtml(raw) : { ok: true as const, text: raw };
  if (!parsed.ok) return { ok: false, reply: fail(400, `Bad Request: can't parse entities: ${parsed.error}`) };
  if (!parsed.text.trim()) return { ok: false, reply: fail(400, 'Bad Request: message text is empty') };
  if (parsed.text.length > 4096) return { ok: false, reply: fail(400, 'Bad Request: message is too long') };
  return { ok: true, text: parsed.text };
}

function messageObject(ctx: MethodContext, chatId: string, messageId: number, text: string, p: Params): Record<string, unknown> {
  const chat = ctx.state.chats.get(chatId) ?? { id: Number(chatId), type: 'private' };
  return {
    message_id: messageId,
    date: Math.floor(ctx.now() / 1000),
    chat,
    from: { id: ctx.bot.id, is_bot: true, first_name: ctx.bot.first_name, username: ctx.bot.username },
    text,
    ...(typeof p['message_thread_id'] === 'number' ? { message_thread_id: p['message_thread_id'], is_topic_message: true } : {}),
    ...(p['reply_markup'] ? { reply_markup: p['reply_markup'] } : {}),
  };
}
