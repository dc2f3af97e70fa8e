/**
 * Messages and button presses in the agents' group -> agent commands. The adapter does not decide who
 * is an agent: the core maps `agent.externalUserId` to an Agent and refuses unknown users.
 *
 * The ticket is the forum topic (message_thread_id) or reply thread the message belongs to; in a plain
 * group a reply to one of our posts names its ticket through the buttons on that post.
 */
import type { AgentCommand } from '../../../core/model/intake.ts';
import { decodeAgentButton, ticketIdFromKeyboard } from '../agent-buttons.ts';
import { AGENT_SURFACE, type NormaliseOptions } from './options.ts';
import { ignored, type NormaliseResult } from './result.ts';
import type { TgCallbackQuery, TgMessage, TgUser } from './schema.ts';
import { attachmentsOf, callbackExternalId, messageExternalId, messageTime } from './sender.ts';

type TicketRef = AgentCommand['ticket'];

export function normaliseAgentMessage(message: TgMessage, options: NormaliseOptions): NormaliseResult {
  if (!message.from || message.from.is_bot) return ignored('agents group message from a bot or channel');
  const ticket = ticketOfMessage(message, options);
  if (!ticket) return ignored('agents group message outside a ticket thread');
  const action = agentAction(message, options.notePrefix);
  if (!action) return ignored('agents group message without text or files');
  return agentEvent(messageExternalId(message), message.from, ticket, action, messageTime(message, options.now));
}

export function normaliseAgentCallback(query: TgCallbackQuery, options: NormaliseOptions): NormaliseResult {
  const decoded = query.data ? decodeAgentButton(query.data) : undefined;
  if (!decoded) return ignored('unknown button in the agents group', query.id);
  const message = query.message;
  const ticket: TicketRef | undefined = decoded.ticketId
    ? { ticketId: decoded.ticketId }
    : message && { surface: AGENT_SURFACE, ref: String(message.message_thread_id ?? message.message_id) };
  if (!ticket) return ignored('agent button without ticket or message', query.id);
  const action: AgentCommand['action'] = decoded.action === 'take' ? { type: 'take' } : { type: 'resolve' };
  const result = agentEvent(callbackExternalId(query.id), query.from, ticket, action, options.now());
  return { ...result, callbackQueryId: query.id };
}

function ticketOfMessage(message: TgMessage, options: NormaliseOptions): TicketRef | undefined {
  if (message.message_thread_id !== undefined) return { surface: AGENT_SURFACE, ref: String(message.message_thread_id) };
  const replied = message.reply_to_message;
  if (!replied) return undefined;
  if (options.botId !== undefined && replied.from?.id !== options.botId) return undefined;
  const ticketId = ticketIdFromKeyboard(replied.reply_markup?.inline_keyboard);
  return ticketId ? { ticketId } : { surface: AGENT_SURFACE, ref: String(replied.message_id) };
}

/** `/take`, `/release`, `/resolve [text]`, `/priority p`, `/category c`; `//text` a note; else a reply. */
function agentAction(message: TgMessage, notePrefix: string): AgentCommand['action'] | undefined {
  const text = message.text ?? message.caption ?? '';
  const attachments = attachmentsOf(message);
  const command = /^\/(take|release|resolve|priority|category)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (command && attachments.length === 0) {
    const argument = command[2]?.trim() ?? '';
    switch (command[1]!.toLowerCase()) {
      case 'take':
        return { type: 'take' };
      case 'release':
        return { type: 'release' };
      case 'resolve':
        return argument ? { type: 'resolve', text: argument } : { type: 'resolve' };
      case 'priority':
        return argument ? { type: 'set_priority', priority: argument } : undefined;
      case 'category':
        return argument ? { type: 'set_category', category: argument } : undefined;
    }
  }
  if (notePrefix && text.startsWith(notePrefix)) {
    const note = text.slice(notePrefix.length).trim();
    return note ? { type: 'note', text: note } : undefined;
  }
  if (!text && attachments.length === 0) return undefined;
  return attachments.length ? { type: 'reply', text, attachments } : { type: 'reply', text };
}

function agentEvent(
  externalId: string,
  from: TgUser,
  ticket: TicketRef,
  action: AgentCommand['action'],
  receivedAt: Date,
): NormaliseResult {
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username;
  const command: AgentCommand = {
    channel: 'telegram',
    externalId,
    agent: { externalUserId: String(from.id), ...(displayName ? { displayName } : {}) },
    ticket,
    action,
    receivedAt,
  };
  return { kind: 'event', event: { kind: 'agent', command } };
}
