/**
 * The parts of a Telegram update the adapter reads, as zod schemas. Updates come from the network
 * (webhook bodies, getUpdates), so they are parsed, not trusted: a field we rely on that is missing or
 * of the wrong type makes the update "ignored", never a throw. Fields we do not read are not declared.
 */
import { z } from 'zod';

const id = z.number().int().refine(Number.isSafeInteger);

export const userSchema = z.object({
  id,
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
export type TgUser = z.infer<typeof userSchema>;

const chatSchema = z.object({ id, type: z.string() });

const file = {
  file_id: z.string().min(1),
  file_size: z.number().optional(),
  mime_type: z.string().optional(),
  file_name: z.string().optional(),
};
const fileSchema = z.object(file);
const stickerSchema = z.object({ ...file, emoji: z.string().optional() });

/** Inline keyboard as Telegram echoes it on a message; used to find our own buttons on a replied post. */
const replyMarkupSchema = z.object({
  inline_keyboard: z.array(z.array(z.object({ callback_data: z.string().optional() }))).optional(),
});

const repliedToSchema = z.object({
  message_id: id,
  from: userSchema.optional(),
  reply_markup: replyMarkupSchema.optional(),
});

export const messageSchema = z.object({
  message_id: id,
  date: z.number().optional(),
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(fileSchema).optional(),
  document: fileSchema.optional(),
  voice: fileSchema.optional(),
  video: fileSchema.optional(),
  video_note: fileSchema.optional(),
  audio: fileSchema.optional(),
  animation: fileSchema.optional(),
  sticker: stickerSchema.optional(),
  media_group_id: z.string().optional(),
  message_thread_id: id.optional(),
  is_topic_message: z.boolean().optional(),
  reply_to_message: repliedToSchema.optional(),
});
export type TgMessage = z.infer<typeof messageSchema>;

export const callbackQuerySchema = z.object({
  id: z.string().min(1),
  from: userSchema,
  data: z.string().optional(),
  message: z
    .object({ message_id: id, chat: chatSchema, message_thread_id: id.optional(), is_topic_message: z.boolean().optional() })
    .optional(),
});
export type TgCallbackQuery = z.infer<typeof callbackQuerySchema>;

export const updateSchema = z.object({ update_id: id }).loose();
