/** Identity, ids and attachments shared by the requester and agent normalisers. */
import type { Attachment, SenderIdentity } from '../../../core/model/messages.ts';
import type { TgMessage, TgUser } from './schema.ts';

export function senderIdentity(user: TgUser): SenderIdentity {
  const displayName = [user.first_name, user.last_name].filter((part) => part && part.trim()).join(' ');
  return {
    externalUserId: String(user.id),
    ...(displayName ? { displayName } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(user.language_code ? { languageCode: user.language_code } : {}),
  };
}

/** `m:<chat id>:<message id>`: message ids are unique per chat, so this is unique per bot. */
export function messageExternalId(message: TgMessage): string {
  return `m:${message.chat.id}:${message.message_id}`;
}

export function callbackExternalId(callbackQueryId: string): string {
  return `cb:${callbackQueryId}`;
}

/** Telegram's `date` (Unix seconds) when present, so a replayed update normalises identically. */
export function messageTime(message: TgMessage, now: () => Date): Date {
  return message.date && message.date > 0 ? new Date(message.date * 1000) : now();
}

/** The files a message carries, by file id (content is not downloaded). */
export function attachmentsOf(message: TgMessage): Attachment[] {
  const found: Attachment[] = [];
  const largestPhoto = message.photo?.at(-1);
  if (largestPhoto) found.push(toAttachment('photo', largestPhoto));
  if (message.document && !message.animation) found.push(toAttachment('document', message.document));
  if (message.animation) found.push(toAttachment('other', message.animation));
  if (message.voice) found.push(toAttachment('voice', message.voice));
  if (message.video) found.push(toAttachment('video', message.video));
  if (message.video_note) found.push(toAttachment('video', message.video_note));
  if (message.audio) found.push(toAttachment('audio', message.audio));
  if (message.sticker) found.push(toAttachment('sticker', message.sticker));
  return found;
}

function toAttachment(
  kind: Attachment['kind'],
  file: { file_id: string; file_name?: string | undefined; mime_type?: string | undefined; file_size?: number | undefined },
): Attachment {
  return {
    kind,
    fileId: file.file_id,
    ...(file.file_name ? { fileName: file.file_name } : {}),
    ...(file.mime_type ? { mimeType: file.mime_type } : {}),
    ...(file.file_size !== undefined ? { sizeBytes: file.file_size } : {}),
  };
}
