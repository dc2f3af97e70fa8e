/** Private chats with the bot -> requester messages. Commands pass through as text; the core parses them. */
import type { InboundMessage } from '../../../core/model/messages.ts';
import type { NormaliseOptions } from './options.ts';
import { ignored, type NormaliseResult } from './result.ts';
import type { TgCallbackQuery, TgMessage } from './schema.ts';
import { attachmentsOf, callbackExternalId, messageExternalId, messageTime, senderIdentity } from './sender.ts';

export function normalisePrivateMessage(message: TgMessage, updateId: number, options: NormaliseOptions): NormaliseResult {
  if (!message.from || message.from.is_bot) return ignored('private message without a human sender');
  const text = message.text ?? message.caption ?? '';
  const attachments = attachmentsOf(message);
  if (!text && attachments.length === 0) return ignored('private message with unsupported content');
  const meta: Record<string, string> = { updateId: String(updateId) };
  if (message.media_group_id) meta['mediaGroupId'] = message.media_group_id;
  if (message.sticker?.emoji) meta['stickerEmoji'] = message.sticker.emoji;
  const inbound: InboundMessage = {
    channel: 'telegram',
    externalId: messageExternalId(message),
    conversationKey: String(message.chat.id),
    sender: senderIdentity(message.from),
    text,
    ...(attachments.length ? { attachments } : {}),
    receivedAt: messageTime(message, options.now),
    meta,
  };
  return { kind: 'event', event: { kind: 'requester', message: inbound } };
}

/** A press on one of the core's buttons in a private chat -> `action.payload`. */
export function normalisePrivateCallback(query: TgCallbackQuery, updateId: number, options: NormaliseOptions): NormaliseResult {
  const chat = query.message?.chat;
  if (!chat) return ignored('button press without its message', query.id);
  if (!query.data) return ignored('button press without callback data', query.id);
  const inbound: InboundMessage = {
    channel: 'telegram',
    externalId: callbackExternalId(query.id),
    conversationKey: String(chat.id),
    sender: senderIdentity(query.from),
    text: '',
    action: { payload: query.data },
    receivedAt: options.now(),
    meta: { updateId: String(updateId), buttonMessageId: String(query.message?.message_id) },
  };
  return { kind: 'event', event: { kind: 'requester', message: inbound }, callbackQueryId: query.id };
}
