/**
 * Button presses from the requester: article feedback, a choice between close articles, a CSAT rating.
 * A press is honoured only if it names a ticket of this conversation that is still waiting for exactly
 * that answer; anything else (stale, repeated, another user's button) gets a polite "no longer active".
 */
import { findTicket } from '../tickets/find-ticket.ts';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { changeStatus } from '../tickets/change-status.ts';
import { recordEvent } from '../tickets/events.ts';
import { formatTicketNumber } from '../model/ticket.ts';
import { decodeButton, type ButtonAction } from './buttons.ts';
import { readState, stageConversation } from './conversation-state.ts';
import { escalate } from './handoff.ts';
import { showArticle } from './self-service.ts';
import { recordCsat } from './csat.ts';
import { say, type Turn } from './turn.ts';

export async function handleButton(turn: Turn, payload: string): Promise<void> {
  const action = decodeButton(payload);
  const ticket = action ? await ownTicket(turn, action.ticketId) : undefined;
  if (!action || !ticket) {
    say(turn, turn.texts.staleButton);
    return;
  }
  if (action.kind === 'csat') {
    await recordCsat(turn, ticket, action.score);
    return;
  }
  const { state, data } = readState(turn.conversation);
  const waiting = turn.conversation.owner === 'bot' && data.ticketId === ticket.id;
  if (action.kind === 'feedback' && waiting && state === 'awaiting_feedback') {
    await applyFeedback(turn, ticket, action.value);
  } else if (action.kind === 'pick' && waiting && state === 'awaiting_choice') {
    await applyPick(turn, ticket, action, data.options ?? []);
  } else {
    say(turn, turn.texts.staleButton);
  }
}

/** The ticket, if it belongs to this requester; another user's ticket id is treated as unknown. */
async function ownTicket(turn: Turn, ticketId: string): Promise<Ticket | undefined> {
  const ticket = await findTicket(turn.tx, ticketId);
  return ticket && ticket.requesterId === turn.requester.id ? ticket : undefined;
}

export async function applyFeedback(turn: Turn, ticket: Ticket, value: 'helped' | 'not_helped' | 'human'): Promise<void> {
  await recordEvent(turn.tx, {
    ticketId: ticket.id,
    type: 'feedback',
    actor: { kind: 'requester', id: turn.requester.id },
    at: turn.now,
    data: { value, articleKey: ticket.articleKey },
  });
  if (value === 'helped') {
    await changeStatus(turn.tx, ticket, {
      to: 'resolved_by_self_service',
      actor: { kind: 'requester', id: turn.requester.id },
      at: turn.now,
      event: 'resolved',
      reason: 'article_helped',
      set: { resolvedBy: 'bot' },
    }, turn.deps.sla.pausedWorkingMs);
    stageConversation(turn, { state: 'idle', data: {}, activeTicketId: null });
    say(turn, turn.texts.resolvedBySelfService(formatTicketNumber(ticket.number, turn.deps.config.ticketPrefix)), ticket.id);
    return;
  }
  await escalate(turn, ticket, value === 'human' ? 'asked_for_human' : 'not_helped', 'requester');
}

async function applyPick(turn: Turn, ticket: Ticket, action: Extract<ButtonAction, { kind: 'pick' }>, options: string[]): Promise<void> {
  const key = action.index === 'none' ? undefined : options[action.index];
  if (!key) {
    await escalate(turn, ticket, 'no_confident_answer', 'requester');
    return;
  }
  await showArticle(turn, ticket, key, 1);
}
