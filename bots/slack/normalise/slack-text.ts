/**
 * Slack delivers message text in its own markup: `&`, `<`, `>` as entities and `<…>` for mentions,
 * channels and links. The core wants plain text as the user typed it, so we decode it here.
 */
import type { Attachment, AttachmentKind } from '../../../core/model/messages.ts';
import type { SlackFile } from './payloads.ts';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&' };

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function renderToken(inner: string): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label}` : target;
  if (target.startsWith('!')) {
    if (label) return label;
    const word = target.slice(1).split('^')[0] ?? '';
    return ['here', 'channel', 'everyone'].includes(word) ? `@${word}` : word;
  }
  if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
  if (label && label !== target) return `${label} (${target})`;
  return target;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * @example slackTextToPlain('<@UBOT> VPN &amp; Wi-Fi <!here>', 'UBOT') // 'VPN & Wi-Fi @here'
 */
export function slackTextToPlain(text: string, stripLeadingMentionOf?: string): string {
  let source = text;
  if (stripLeadingMentionOf) {
    source = source.replace(new RegExp(`^\\s*<@${stripLeadingMentionOf}(?:\\|[^>]*)?>[\\s,:]*`), '');
  }
  // One pass, so text decoded from an entity is never decoded or parsed a second time.
  const plain = source.replace(/<([^<>]*)>|&(lt|gt|amp);/g, (_, inner: string | undefined, entity: string | undefined) =>
    inner !== undefined ? renderToken(decodeEntities(inner)) : ENTITIES[entity ?? 'amp'] ?? '',
  );
  return plain.trim();
}

function kindOf(mime: string | undefined): AttachmentKind {
  if (!mime) return 'document';
  if (mime.startsWith('image/')) return 'photo';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

export function toAttachments(files: readonly SlackFile[] | undefined): Attachment[] | undefined {
  if (!files || files.length === 0) return undefined;
  return files.map((f) => ({
    kind: kindOf(f.mimetype),
    fileId: f.id,
    ...(f.name !== undefined && { fileName: f.name }),
    ...(f.mimetype !== undefined && { mimeType: f.mimetype }),
    ...(f.size !== undefined && { sizeBytes: f.size }),
  }));
}
