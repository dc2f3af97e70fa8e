/**
 * Telegram Update -> IntakeEvent. Pure: no I/O, never throws; anything we do not handle comes back as
 * `ignored` with a reason for a debug log.
 *
 * @example
 * const result = normaliseUpdate(update, { agentChatId: '-100123', notePrefix: '//', now: () => new Date() });
 * if (result.kind === 'event') await intake.accept(result.event);
 */
import { normaliseAgentCallback, normaliseAgentMessage } from './agent.ts';
import type { NormaliseOptions } from './options.ts';
import { normalisePrivateCallback, normalisePrivateMessage } from './requester.ts';
import { ignored, type NormaliseResult } from './result.ts';
import { callbackQuerySchema, messageSchema, updateSchema } from './schema.ts';

export function normaliseUpdate(raw: unknown, options: NormaliseOptions): NormaliseResult {
  const update = updateSchema.safeParse(raw);
  if (!update.success) return ignored('not an update (no numeric update_id)');
  const body = update.data as Record<string, unknown>;
  if (body['message'] !== undefined) return normaliseMessage(body['message'], update.data.update_id, options);
  if (body['callback_query'] !== undefined) return normaliseCallback(body['callback_query'], update.data.update_id, options);
  const kind = Object.keys(body).find((key) => key !== 'update_id') ?? 'empty';
  return ignored(`unhandled update kind: ${kind}`);
}

function normaliseMessage(raw: unknown, updateId: number, options: NormaliseOptions): NormaliseResult {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return ignored('message with missing or malformed fields');
  const message = parsed.data;
  if (message.chat.type === 'private') return normalisePrivateMessage(message, updateId, options);
  if (options.agentChatId !== undefined && String(message.chat.id) === options.agentChatId) {
    return normaliseAgentMessage(message, options);
  }
  return ignored(`message in a ${message.chat.type} chat that is not the agents group`);
}

function normaliseCallback(raw: unknown, updateId: number, options: NormaliseOptions): NormaliseResult {
  const parsed = callbackQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return ignored('button press with missing or malformed fields', typeof id === 'string' && id ? id : undefined);
  }
  const query = parsed.data;
  const chat = query.message?.chat;
  if (chat && options.agentChatId !== undefined && String(chat.id) === options.agentChatId) {
    return normaliseAgentCallback(query, options);
  }
  if (chat && chat.type !== 'private') return ignored(`button press in a ${chat.type} chat`, query.id);
  return normalisePrivateCallback(query, updateId, options);
}
