/**
 * Interactivity payloads -> Outcome: the requester's choice buttons, the triage post's buttons and
 * selects, the "Create support ticket" and "Add internal note" message shortcuts, and the note modal.
 */
import type { AgentCommand } from '../../../core/model/intake.ts';
import type { InboundMessage } from '../../../core/model/messages.ts';
import { dmKey, threadKey } from '../conversation-key.ts';
import { TRIAGE_SURFACE, type NormaliseContext } from './context.ts';
import { ACTION, CALLBACK, TICKET_BLOCK_PREFIX, ignore, type Outcome } from './outcome.ts';
import {
  BlockActionsSchema,
  MessageShortcutSchema,
  ViewSubmissionSchema,
  type BlockAction,
  type BlockActionsPayload,
  type MessageShortcutPayload,
  type ViewSubmissionPayload,
} from './payloads.ts';
import { slackTextToPlain, toAttachments } from './slack-text.ts';

/** Block id and action id of the note modal's text input (see `render/note-modal.ts`). */
export const NOTE_INPUT = { block: 'fl_note', action: 'fl_note_text' } as const;

/** Normalises the JSON of an interactivity request's `payload` field (or a Socket Mode `interactive` body). */
export function normaliseInteraction(payload: unknown, ctx: NormaliseContext): Outcome {
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined;
  switch (type) {
    case 'block_actions': {
      const parsed = BlockActionsSchema.safeParse(payload);
      return parsed.success ? blockActions(parsed.data, ctx) : ignore('malformed block_actions');
    }
    case 'message_action': {
      const parsed = MessageShortcutSchema.safeParse(payload);
      return parsed.success ? messageShortcut(parsed.data, ctx) : ignore('malformed message_action');
    }
    case 'view_submission': {
      const parsed = ViewSubmissionSchema.safeParse(payload);
      return parsed.success ? noteSubmitted(parsed.data, ctx) : ignore('malformed view_submission');
    }
    default:
      return ignore(`unhandled interaction ${String(type)}`);
  }
}

function foreignTeam(teamId: string | undefined, userTeam: string | undefined, ctx: NormaliseContext): boolean {
  if (!ctx.teamId) return false;
  return (teamId !== undefined && teamId !== ctx.teamId) || (userTeam !== undefined && userTeam !== ctx.teamId);
}

function blockActions(p: BlockActionsPayload, ctx: NormaliseContext): Outcome {
  if (foreignTeam(p.team?.id, p.user.team_id, ctx)) return ignore('another workspace');
  const action = p.actions[0];
  if (!action) return ignore('block_actions without action');
  const channel = p.container?.channel_id ?? p.channel?.id;
  const actionTs = action.action_ts ?? p.container?.message_ts ?? '';
  const externalId = `action:${p.trigger_id ?? `${p.user.id}:${actionTs}`}`;
  if (ctx.agentChannelId !== undefined && channel === ctx.agentChannelId) return triageAction(p, action, externalId, ctx);
  if (!action.action_id.startsWith(ACTION.choice)) return ignore(`action ${action.action_id} outside triage`);
  if (action.value === undefined) return ignore('choice without value');

  const messageTs = p.message?.ts ?? p.container?.message_ts;
  const threadTs = p.message?.thread_ts ?? p.container?.thread_ts ?? messageTs;
  const inChannelThread = channel !== undefined && !channel.startsWith('D') && threadTs !== undefined;
  const message: InboundMessage = {
    channel: 'slack',
    externalId,
    conversationKey: inChannelThread ? threadKey(channel, threadTs, p.user.id) : dmKey(p.user.id),
    sender: senderOf(p.user),
    text: action.text?.text ?? '',
    action: { payload: action.value },
    receivedAt: new Date(ctx.now()),
    meta: { source: 'button' },
  };
  return { kind: 'intake', event: { kind: 'requester', message } };
}

function triageAction(p: BlockActionsPayload, action: BlockAction, externalId: string, ctx: NormaliseContext): Outcome {
  const agentAction = toAgentAction(action);
  if (!agentAction) return ignore(`action ${action.action_id} in triage`);
  const fromBlock = action.block_id?.startsWith(TICKET_BLOCK_PREFIX) ? action.block_id.slice(TICKET_BLOCK_PREFIX.length) : '';
  const isButton = action.type === 'button' && action.value;
  const ticketId = isButton ? action.value : fromBlock;
  const rootTs = p.message?.thread_ts ?? p.container?.thread_ts ?? p.message?.ts ?? p.container?.message_ts;
  let ticket: AgentCommand['ticket'];
  if (ticketId) ticket = { ticketId };
  else if (rootTs) ticket = { surface: TRIAGE_SURFACE, ref: rootTs };
  else return ignore('triage action without ticket');
  const command: AgentCommand = {
    channel: 'slack',
    externalId,
    agent: senderOf(p.user),
    ticket,
    action: agentAction,
    receivedAt: new Date(ctx.now()),
  };
  return { kind: 'intake', event: { kind: 'agent', command } };
}

function toAgentAction(action: BlockAction): AgentCommand['action'] | undefined {
  const selected = action.selected_option?.value;
  switch (action.action_id) {
    case ACTION.take:
      return { type: 'take' };
    case ACTION.release:
      return { type: 'release' };
    case ACTION.resolve:
      return { type: 'resolve' };
    case ACTION.priority:
      return selected ? { type: 'set_priority', priority: selected } : undefined;
    case ACTION.category:
      return selected ? { type: 'set_category', category: selected } : undefined;
    default:
      return undefined;
  }
}

function senderOf(user: { id: string; name?: string | undefined; username?: string | undefined }) {
  const displayName = user.name ?? user.username;
  return { externalUserId: user.id, ...(displayName !== undefined && { displayName }) };
}

function messageShortcut(p: MessageShortcutPayload, ctx: NormaliseContext): Outcome {
  if (foreignTeam(p.team?.id, p.user.team_id, ctx)) return ignore('another workspace');
  if (p.callback_id === CALLBACK.addNote) {
    if (ctx.agentChannelId === undefined || p.channel.id !== ctx.agentChannelId) return ignore('note shortcut outside triage');
    return { kind: 'open_note_modal', triggerId: p.trigger_id, channel: p.channel.id, threadTs: p.message.thread_ts ?? p.message.ts };
  }
  if (p.callback_id !== CALLBACK.createTicket) return ignore(`unknown shortcut ${p.callback_id}`);
  const text = slackTextToPlain(p.message.text ?? '');
  const attachments = toAttachments(p.message.files);
  const message: InboundMessage = {
    channel: 'slack',
    // The same person filing the same message twice is one request.
    externalId: `shortcut:${p.channel.id}:${p.message.ts}:${p.user.id}`,
    conversationKey: dmKey(p.user.id),
    sender: senderOf(p.user),
    text: `/new ${text}`.trimEnd(),
    ...(attachments && { attachments }),
    receivedAt: new Date(ctx.now()),
    meta: {
      source: 'message_shortcut',
      slackChannel: p.channel.id,
      slackTs: p.message.ts,
      ...(p.message.user !== undefined && { slackAuthor: p.message.user }),
    },
  };
  return { kind: 'intake', event: { kind: 'requester', message } };
}

/** What the note modal remembers about where it was opened (its `private_metadata`). */
export function noteModalMetadata(channel: string, threadTs: string): string {
  return JSON.stringify({ channel, threadTs });
}

function noteSubmitted(p: ViewSubmissionPayload, ctx: NormaliseContext): Outcome {
  if (p.view.callback_id !== CALLBACK.noteModal) return ignore(`unknown view ${String(p.view.callback_id)}`);
  if (foreignTeam(p.team?.id, p.user.team_id, ctx)) return ignore('another workspace');
  let threadTs: unknown;
  try {
    threadTs = (JSON.parse(p.view.private_metadata ?? '{}') as { threadTs?: unknown }).threadTs;
  } catch {
    return ignore('note modal without metadata');
  }
  const text = p.view.state?.values[NOTE_INPUT.block]?.[NOTE_INPUT.action]?.value?.trim();
  if (typeof threadTs !== 'string' || !text) return ignore('empty note');
  const command: AgentCommand = {
    channel: 'slack',
    externalId: `view:${p.view.id}`,
    agent: senderOf(p.user),
    ticket: { surface: TRIAGE_SURFACE, ref: threadTs },
    action: { type: 'note', text },
    receivedAt: new Date(ctx.now()),
  };
  return { kind: 'intake', event: { kind: 'agent', command } };
}
