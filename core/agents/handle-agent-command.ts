/**
 * What agents do to a ticket, from any surface (Telegram agents' group, Slack triage thread, REST API,
 * agent CLI): take, release, reply (relayed to the requester's own channel), internal note, resolve
 * (then CSAT is asked), and corrections of priority and category. One owner at a time: a ticket taken by
 * one agent cannot be taken or answered by another until released.
 */
import type { Tx } from '../store/database.ts';
import type { Channel, Language } from '../model/messages.ts';
import type { AgentCommand } from '../model/intake.ts';
import type { Agent, Conversation, Ticket } from '../../prisma/generated/sqlite/client.ts';
import { AppError } from '../model/errors.ts';
import { formatTicketNumber, PRIORITY_VALUES, type TicketStatus } from '../model/ticket.ts';
import { changeStatus } from '../tickets/change-status.ts';
import { recordEvent } from '../tickets/events.ts';
import { buildTicketCard } from '../tickets/ticket-card.ts';
import { updateConversation } from '../dialogue/conversation-state.ts';
import { setDueTimes } from '../dialogue/handoff.ts';
import { csatQuestion } from '../dialogue/csat.ts';
import { Effects, type DialogueDeps } from '../dialogue/turn.ts';
import { textsFor } from '../dialogue/texts.ts';
import { writeEffects } from '../outbox/write-effects.ts';
import { resolveAgent } from './resolve-agent.ts';
import { lockConversationById } from '../store/row-locks.ts';
import { cleanText } from '../inbox/intake.ts';
import { newId } from '../store/ids.ts';
import { findTicket as findTicketById } from '../tickets/find-ticket.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { findRow, insertRows } from '../store/rows.ts';

export interface AgentContext {
  tx: Tx;
  now: Date;
  deps: DialogueDeps;
  agent: Agent;
  ticket: Ticket;
  conversation: Conversation;
  effects: Effects;
}

export interface AgentCommandOptions {
  agentSurfaces: readonly Channel[];
  /** Channels where anyone who can post on the agent surface is registered as an agent. */
  autoRegisterAgents: readonly Channel[];
}

export async function processAgentCommand(tx: Tx, command: AgentCommand, deps: DialogueDeps, options: AgentCommandOptions, now: Date): Promise<Ticket> {
  const agent = await resolveAgent(tx, command.channel, command.agent, options.autoRegisterAgents.includes(command.channel));
  const found = await findTicket(tx, command.ticket);
  await lockConversationById(tx, deps.provider, found.conversationId);
  const ticket = await findRowOrThrow<Ticket>(tx, 'Ticket', found.id);
  const conversation = await findRowOrThrow<Conversation>(tx, 'Conversation', ticket.conversationId);
  const ctx: AgentContext = { tx, now, deps, agent, ticket, conversation, effects: new Effects(options.agentSurfaces.length > 0) };
  const updated = await applyAction(ctx, command.action);
  if (command.action.type !== 'note' && options.agentSurfaces.length > 0) {
    const card = await buildTicketCard(tx, ticket.id, deps.kb, deps.config.ticketPrefix);
    ctx.effects.notifyAgents(ticket.id, { kind: 'ticket_updated', card, change: `${command.action.type} by ${agent.name}` });
  }
  await writeEffects(tx, ctx.effects, options.agentSurfaces, now);
  return updated;
}

async function findTicket(tx: Tx, ref: AgentCommand['ticket']): Promise<Ticket> {
  if ('ticketId' in ref) {
    const ticket = await findTicketById(tx, ref.ticketId);
    if (ticket) return ticket;
  } else {
    const link = await tx.surfaceLink.findUnique({ where: { surface_ref: { surface: ref.surface, ref: ref.ref } } });
    const ticket = link ? await findTicketById(tx, link.ticketId) : null;
    if (ticket) return ticket;
  }
  throw new AppError('not_found', 'ticket not found');
}

async function applyAction(ctx: AgentContext, action: AgentCommand['action']): Promise<Ticket> {
  switch (action.type) {
    case 'take':
      return take(ctx);
    case 'release':
      return release(ctx);
    case 'reply':
      return reply(ctx, action.text);
    case 'note':
      return note(ctx, action.text);
    case 'resolve':
      return resolve(ctx, action.text);
    case 'set_priority':
      return setPriority(ctx, action.priority);
    case 'set_category':
      return setCategory(ctx, action.category);
  }
}

const actorOf = (ctx: AgentContext) => ({ kind: 'agent' as const, id: ctx.agent.id });
const numberOf = (ctx: AgentContext) => formatTicketNumber(ctx.ticket.number, ctx.deps.config.ticketPrefix);
const requesterTexts = (ctx: AgentContext) => textsFor((ctx.conversation.language as Language) ?? 'en');
const requesterTarget = (ctx: AgentContext) => ({
  channel: ctx.conversation.channel as Channel,
  conversationKey: ctx.conversation.conversationKey,
  conversationId: ctx.conversation.id,
});

/** The acting agent must own the ticket (taking it implicitly if it is still in the queue). */
async function ensureOwner(ctx: AgentContext): Promise<Ticket> {
  if (ctx.ticket.status === 'escalated') return take(ctx);
  if (ctx.ticket.assigneeId && ctx.ticket.assigneeId !== ctx.agent.id) {
    throw new AppError('conflict', 'another agent owns this ticket; ask them to release it');
  }
  if (!ctx.ticket.assigneeId) throw new AppError('invalid_transition', `ticket is ${ctx.ticket.status}, not with an agent`);
  return ctx.ticket;
}

async function take(ctx: AgentContext): Promise<Ticket> {
  const working = ['assigned', 'in_progress', 'waiting_for_user'].includes(ctx.ticket.status);
  // Taking a ticket you already own is a no-op (a double click); anything else must come from the queue.
  if (ctx.ticket.assigneeId === ctx.agent.id && working) return ctx.ticket;
  if (ctx.ticket.status !== 'escalated') {
    const takenByOther = working && ctx.ticket.assigneeId !== ctx.agent.id;
    throw new AppError(takenByOther ? 'conflict' : 'invalid_transition', takenByOther ? 'already taken by another agent' : `ticket is ${ctx.ticket.status}`);
  }
  ctx.ticket = await changeStatus(ctx.tx, ctx.ticket, { to: 'assigned', actor: actorOf(ctx), at: ctx.now, event: 'assigned', set: { assigneeId: ctx.agent.id }, data: { agent: ctx.agent.name } }, ctx.deps.sla.pausedWorkingMs);
  await updateConversation(ctx.tx, ctx.conversation, { owner: 'agent', ownerAgentId: ctx.agent.id, activeTicketId: ctx.ticket.id, state: 'idle', data: {} });
  ctx.effects.reply(requesterTarget(ctx), { text: requesterTexts(ctx).agentTook(numberOf(ctx), ctx.agent.name) }, ctx.ticket.id, { kind: 'agent', agentId: ctx.agent.id });
  return ctx.ticket;
}

async function release(ctx: AgentContext): Promise<Ticket> {
  await ensureOwner(ctx);
  ctx.ticket = await changeStatus(ctx.tx, ctx.ticket, { to: 'escalated', actor: actorOf(ctx), at: ctx.now, event: 'released', set: { assigneeId: null } }, ctx.deps.sla.pausedWorkingMs);
  await updateConversation(ctx.tx, ctx.conversation, { owner: 'queue', ownerAgentId: null });
  return ctx.ticket;
}

const MESSAGE_MAX = 20_000;

async function reply(ctx: AgentContext, text: string): Promise<Ticket> {
  if (!text.trim()) throw new AppError('validation_failed', 'reply text is empty');
  await ensureOwner(ctx);
  const body = cleanText(text).slice(0, MESSAGE_MAX).toWellFormed();
  ctx.effects.reply(requesterTarget(ctx), { text: body }, ctx.ticket.id, { kind: 'agent', agentId: ctx.agent.id });
  await recordEvent(ctx.tx, { ticketId: ctx.ticket.id, type: 'agent_message', actor: actorOf(ctx), at: ctx.now, data: { length: body.length } });
  if (!ctx.ticket.firstResponseAt) {
    ctx.ticket = await updateTicket(ctx.tx, ctx.ticket, { firstResponseAt: ctx.now });
  }
  const status = ctx.ticket.status as TicketStatus;
  if (status === 'assigned' || status === 'in_progress') {
    ctx.ticket = await changeStatus(ctx.tx, ctx.ticket, { to: 'waiting_for_user', actor: actorOf(ctx), at: ctx.now, reason: 'agent_replied' }, ctx.deps.sla.pausedWorkingMs);
  }
  return ctx.ticket;
}

async function note(ctx: AgentContext, text: string): Promise<Ticket> {
  if (!text.trim()) throw new AppError('validation_failed', 'note text is empty');
  await insertRows(ctx.tx, 'Message', [
    { id: newId(), conversationId: ctx.conversation.id, ticketId: ctx.ticket.id, direction: 'internal', authorKind: 'agent', agentId: ctx.agent.id, channel: 'web', text: cleanText(text).slice(0, MESSAGE_MAX).toWellFormed(), internal: true, createdAt: ctx.now },
  ], ctx.deps.provider);
  await recordEvent(ctx.tx, { ticketId: ctx.ticket.id, type: 'internal_note', actor: actorOf(ctx), at: ctx.now, data: { length: text.length } });
  return ctx.ticket;
}

async function resolve(ctx: AgentContext, text?: string): Promise<Ticket> {
  await ensureOwner(ctx);
  if (text?.trim()) await reply(ctx, text);
  ctx.ticket = await changeStatus(ctx.tx, ctx.ticket, { to: 'resolved', actor: actorOf(ctx), at: ctx.now, event: 'resolved', set: { resolvedBy: 'agent' } }, ctx.deps.sla.pausedWorkingMs);
  await updateConversation(ctx.tx, ctx.conversation, { owner: 'bot', ownerAgentId: null, activeTicketId: null, state: 'awaiting_csat', data: { ticketId: ctx.ticket.id } });
  const texts = requesterTexts(ctx);
  ctx.effects.reply(requesterTarget(ctx), { text: texts.agentResolved(numberOf(ctx)) }, ctx.ticket.id);
  ctx.effects.reply(requesterTarget(ctx), csatQuestion(texts, ctx.ticket.id), ctx.ticket.id);
  return ctx.ticket;
}

async function setPriority(ctx: AgentContext, priority: string): Promise<Ticket> {
  if (!(PRIORITY_VALUES as readonly string[]).includes(priority)) throw new AppError('validation_failed', `unknown priority ${priority}`);
  if (priority === ctx.ticket.priority) return ctx.ticket;
  const from = ctx.ticket.priority;
  ctx.ticket = await updateTicket(ctx.tx, ctx.ticket, { priority, priorityConfidence: 1 });
  await recordEvent(ctx.tx, { ticketId: ctx.ticket.id, type: 'priority_changed', actor: actorOf(ctx), at: ctx.now, data: { from, to: priority } });
  ctx.ticket = await setDueTimes(ctx, ctx.ticket);
  return ctx.ticket;
}

async function setCategory(ctx: AgentContext, category: string): Promise<Ticket> {
  const clean = category.trim().toLowerCase();
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(clean)) throw new AppError('validation_failed', 'category must be a short identifier');
  if (clean === ctx.ticket.category) return ctx.ticket;
  const from = ctx.ticket.category;
  ctx.ticket = await updateTicket(ctx.tx, ctx.ticket, { category: clean, categoryConfidence: 1 });
  // A correction is training material for the classifier: keep the text it was about.
  await recordEvent(ctx.tx, { ticketId: ctx.ticket.id, type: 'category_changed', actor: actorOf(ctx), at: ctx.now, data: { from, to: clean, subject: ctx.ticket.subject } });
  ctx.ticket = await setDueTimes(ctx, ctx.ticket);
  return ctx.ticket;
}

async function findRowOrThrow<T>(tx: Tx, table: string, id: string): Promise<T> {
  const row = await findRow<T>(tx, table, { id });
  if (!row) throw new Error(`${table} ${id} not found`);
  return row;
}
