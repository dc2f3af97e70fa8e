/**
 * Handing a conversation to the human line: the ticket joins its category's queue, the conversation's
 * owner becomes `queue`, SLA due times are set, agents are notified, and the requester is told the ticket
 * number and what happens next (including when a person is next at work, out of hours).
 */
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { changeStatus } from '../tickets/change-status.ts';
import { buildTicketCard } from '../tickets/ticket-card.ts';
import { formatTicketNumber, type ActorKind } from '../model/ticket.ts';
import { stageConversation } from './conversation-state.ts';
import { recordEvent, type EventInput } from '../tickets/events.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { say, type Turn } from './turn.ts';

export type EscalationReason = 'no_confident_answer' | 'not_helped' | 'asked_for_human' | 'urgent' | 'reopened';

export async function escalate(turn: Turn, ticket: Ticket, reason: EscalationReason, by: ActorKind = 'bot'): Promise<Ticket> {
  const { tx, now, deps } = turn;
  let updated = await changeStatus(tx, ticket, {
    to: 'escalated',
    actor: by === 'requester' ? { kind: 'requester', id: turn.requester.id } : { kind: by },
    at: now,
    event: 'escalated',
    reason,
    data: { queue: ticket.category, line: ticket.supportLine },
  }, turn.deps.sla.pausedWorkingMs);
  updated = await setDueTimes(turn, updated);
  stageConversation(turn, { owner: 'queue', ownerAgentId: null, state: 'idle', data: {}, activeTicketId: ticket.id });

  const number = formatTicketNumber(updated.number, deps.config.ticketPrefix);
  const nextAt = deps.sla.nextHumanAvailable(updated, now);
  const when = nextAt ? deps.sla.formatForRequester(nextAt, turn.language, updated) : undefined;
  const text =
    reason === 'urgent'
      ? turn.texts.escalatedUrgent(number)
      : reason === 'no_confident_answer' && !updated.articleKey
        ? turn.texts.noAnswer(number, when)
        : turn.texts.escalated(number, when);
  say(turn, text, ticket.id);

  if (turn.effects.notifies) {
    const card = await buildTicketCard(tx, updated.id, deps.kb, deps.config.ticketPrefix);
    turn.effects.notifyAgents(updated.id, { kind: 'ticket_escalated', card, reason });
  }
  return updated;
}

/** Stores SLA due times when they change, with an event; a ticket's due times are never silently moved. */
export async function setDueTimes(turn: Pick<Turn, 'tx' | 'now' | 'deps'>, ticket: Ticket): Promise<Ticket> {
  const change = dueTimesChange(turn, ticket);
  if (!change) return ticket;
  const updated = await updateTicket(turn.tx, ticket, change.set);
  await recordEvent(turn.tx, change.event);
  return updated;
}

/** The due-time columns to write and the `sla_set` event, or undefined when the due times stay. */
export function dueTimesChange(turn: Pick<Turn, 'now' | 'deps'>, ticket: Ticket): { set: Partial<Ticket>; event: EventInput } | undefined {
  const due = turn.deps.sla.dueTimes(ticket, turn.now);
  const same =
    (due.firstResponseDue?.getTime() ?? null) === (ticket.firstResponseDue?.getTime() ?? null) &&
    (due.resolutionDue?.getTime() ?? null) === (ticket.resolutionDue?.getTime() ?? null);
  if (same) return undefined;
  return {
    set: { firstResponseDue: due.firstResponseDue, resolutionDue: due.resolutionDue },
    event: {
      ticketId: ticket.id,
      type: 'sla_set',
      actor: { kind: 'system' },
      at: turn.now,
      data: { firstResponseDue: due.firstResponseDue?.toISOString() ?? null, resolutionDue: due.resolutionDue?.toISOString() ?? null, priority: ticket.priority },
    },
  };
}

/**
 * While a human owns the conversation the bot stays silent: the requester's message is recorded on the
 * ticket and relayed to the agents; a reply to an agent's question moves the ticket back to in_progress.
 */
export async function relayToAgents(turn: Turn, ticket: Ticket): Promise<void> {
  const { tx, now, deps } = turn;
  await recordEvent(tx, {
    ticketId: ticket.id,
    type: 'requester_message',
    actor: { kind: 'requester', id: turn.requester.id },
    at: now,
    data: { messageId: turn.messageId, attachments: turn.message.attachments?.length ?? 0 },
  });
  if (ticket.status === 'waiting_for_user') {
    await changeStatus(tx, ticket, { to: 'in_progress', actor: { kind: 'requester', id: turn.requester.id }, at: now, reason: 'requester_replied' }, turn.deps.sla.pausedWorkingMs);
  }
  if (!turn.effects.notifies) return;
  const card = await buildTicketCard(tx, ticket.id, deps.kb, deps.config.ticketPrefix);
  turn.effects.notifyAgents(ticket.id, {
    kind: 'requester_message',
    card,
    text: turn.message.text,
    ...(turn.message.attachments?.length ? { attachments: turn.message.attachments.length } : {}),
  });
}
