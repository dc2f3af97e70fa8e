/**
 * The channel-neutral message shapes. Adapters (Telegram, Slack, terminal, web console) turn their
 * platform's updates into one `InboundMessage` and render `OutboundReply` values back; the dialogue core
 * never sees an SDK type.
 */

export const CHANNELS = ['telegram', 'slack', 'terminal', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ATTACHMENT_KINDS = ['photo', 'document', 'voice', 'video', 'audio', 'sticker', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A file the user sent. We keep the platform's file reference; downloading content is optional. */
export interface Attachment {
  kind: AttachmentKind;
  /** Platform file reference (Telegram file_id, Slack file id). */
  fileId: string;
  fileName?: string;
  mimeType?: string;
  sizeBytes?: number;
}

/** Who wrote, as the channel knows them. Ids are strings: Telegram ids need 52 bits. */
export interface SenderIdentity {
  externalUserId: string;
  displayName?: string;
  username?: string;
  /** IETF language tag the platform reports (Telegram `language_code`), a hint only. */
  languageCode?: string;
}

/**
 * One message from a requester, already verified and normalised by its adapter.
 *
 * @example
 * { channel: 'telegram', externalId: 'u:1234567', conversationKey: '42', sender: { externalUserId: '42' },
 *   text: 'VPN does not connect', receivedAt: new Date() }
 */
export interface InboundMessage {
  channel: Channel;
  /** Unique per channel; a replayed delivery carries the same id and is recognised as a duplicate. */
  externalId: string;
  /** Where replies go on this channel: Telegram chat id, Slack DM channel id (+ thread), terminal name. */
  conversationKey: string;
  sender: SenderIdentity;
  /** Plain text as the user typed it (caption for media). May be empty when only a file was sent. */
  text: string;
  attachments?: Attachment[];
  /** A button press: the payload of a `ReplyButton` the core sent earlier. */
  action?: { payload: string };
  receivedAt: Date;
  /** Channel-specific extras the core stores but does not interpret (e.g. Slack permalink). */
  meta?: Record<string, string>;
}

/** A choice shown to the user: inline keyboard button, Block Kit button, numbered option. */
export interface ReplyButton {
  label: string;
  /** Opaque to adapters; comes back as `InboundMessage.action.payload`. At most 64 bytes (Telegram). */
  payload: string;
}

/**
 * One message to a requester. `text` is plain text (adapters escape it for their markup); `title` is
 * rendered emphasised; `buttons` are rows of choices.
 */
export interface OutboundReply {
  text: string;
  title?: string;
  buttons?: ReplyButton[][];
}
