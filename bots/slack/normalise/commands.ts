/**
 * `/support` slash command -> requester message carrying a command the core understands:
 * `/support new <text>` -> `/new <text>`, `/support tickets` -> `/tickets`, empty or `help` -> `/help`,
 * anything else is taken as a new request (`/support my VPN is down` -> `/new my VPN is down`).
 * Replies go to the app's DM with the user, wherever the command was typed.
 */
import type { InboundMessage } from '../../../core/model/messages.ts';
import { dmKey } from '../conversation-key.ts';
import type { NormaliseContext } from './context.ts';
import { ignore, type Outcome } from './outcome.ts';
import { SlashCommandSchema } from './payloads.ts';
import { slackTextToPlain } from './slack-text.ts';

export const SUPPORT_COMMAND = '/support';

const ACK_TEXT = "Got it: I'll answer in our direct messages. / Принято: отвечу в личных сообщениях.";

/** Maps the text after `/support` to the core's command text. */
export function toCoreCommand(raw: string): string {
  const text = raw.trim();
  const [word = '', ...rest] = text.split(/\s+/);
  const tail = text.slice(word.length).trim();
  switch (word.toLowerCase()) {
    case '':
    case 'help':
    case 'помощь':
      return '/help';
    case 'tickets':
    case 'list':
    case 'заявки':
      return '/tickets';
    case 'new':
    case 'новая':
      return rest.length > 0 ? `/new ${tail}` : '/new';
    default:
      return `/new ${text}`;
  }
}

/** Normalises the form fields of a slash command request (or a Socket Mode `slash_commands` body). */
export function normaliseSlashCommand(fields: unknown, ctx: NormaliseContext): Outcome {
  const parsed = SlashCommandSchema.safeParse(fields);
  if (!parsed.success) return ignore('malformed slash command');
  const c = parsed.data;
  if (c.command !== SUPPORT_COMMAND) return ignore(`unknown command ${c.command}`);
  if (ctx.teamId && c.team_id && c.team_id !== ctx.teamId) return ignore('another workspace');
  const message: InboundMessage = {
    channel: 'slack',
    externalId: `command:${c.trigger_id ?? `${c.user_id}:${ctx.now()}`}`,
    conversationKey: dmKey(c.user_id),
    sender: { externalUserId: c.user_id, ...(c.user_name !== undefined && { username: c.user_name }) },
    text: toCoreCommand(slackTextToPlain(c.text)),
    receivedAt: new Date(ctx.now()),
    meta: { source: 'slash_command', ...(c.channel_id !== undefined && { slackChannel: c.channel_id }) },
  };
  return { kind: 'intake', event: { kind: 'requester', message }, ackText: ACK_TEXT };
}
