/**
 * A request in words, while the bot owns the conversation: open (or continue) the ticket, classify it,
 * send urgent ones straight to a person, otherwise try self-service.
 */
import { findTicket } from '../tickets/find-ticket.ts';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { openTicket } from '../tickets/open-ticket.ts';
import { changeStatus } from '../tickets/change-status.ts';
import { recordEvent } from '../tickets/events.ts';
import { readState, stageConversation } from './conversation-state.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { dueTimesChange, escalate, relayToAgents } from './handoff.ts';
import { Sql } from '../store/sql.ts';
import { formatTicketNumber } from '../model/ticket.ts';
import { say } from './turn.ts';
import { answerOrEscalate } from './self-service.ts';
import type { Turn } from './turn.ts';

/** Opens a ticket for this turn's request and links the conversation's recent unticketed messages to it. */
export async function openTicketForTurn(turn: Turn, text: string): Promise<Ticket> {
  const { tx, now, deps } = turn;
  const classification = deps.kb.classify(text.slice(0, deps.config.searchTextLimit));
  const ticket = await openTicket(tx, {
    requesterId: turn.requester.id,
    conversationId: turn.conversation.id,
    channel: turn.message.channel,
    text,
    language: turn.language,
    classification,
    at: now,
    actor: { kind: 'requester', id: turn.requester.id },
    // SLA due times are written with the row (same columns and `sla_set` event as setDueTimes after it).
    follow: (created) => {
      const due = dueTimesChange(turn, created);
      return due && { set: due.set, events: [due.event] };
    },
  });
  // Files sent before the first words (a screenshot, then "this error") belong to the request too.
  const sql = new Sql(deps.provider);
  await sql.execute(
    tx,
    'UPDATE "Message" SET "ticketId" = ? WHERE "conversationId" = ? AND "ticketId" IS NULL AND "createdAt" >= ?',
    ticket.id,
    turn.conversation.id,
    sql.time(new Date(now.getTime() - 3600_000)),
  );
  // This turn's message is one of them (stored at `now`), unless it was linked already.
  turn.messageTicketId ??= ticket.id;
  stageConversation(turn, { activeTicketId: ticket.id, state: 'idle', data: {} });
  return ticket;
}

/** A new request, or more words about the current one while the bot still handles it. */
export async function handleRequest(turn: Turn, text: string): Promise<void> {
  const current = await currentBotTicket(turn);
  if (current) {
    await answerOrEscalate(turn, current, text);
    return;
  }
  const ticket = await openTicketForTurn(turn, text);
  if (ticket.priority === 'P1') {
    await escalate(turn, ticket, 'urgent');
    return;
  }
  await answerOrEscalate(turn, ticket, text);
}

/** The active ticket while the bot is still trying to help with it. */
async function currentBotTicket(turn: Turn): Promise<Ticket | null> {
  const id = turn.conversation.activeTicketId;
  if (!id) return null;
  const ticket = await findTicket(turn.tx, id);
  return ticket && (ticket.status === 'new' || ticket.status === 'answered_by_bot') ? ticket : null;
}

/**
 * The reopen rule: a message (other than a bare "thanks") within the reopen window after an agent resolved
 * the conversation's last ticket reopens it and goes to the same agent if they are still active, else to
 * the queue. Later messages, and messages after a self-service resolution, start a new ticket.
 */
export async function reopenableTicket(turn: Turn): Promise<Ticket | null> {
  if (readState(turn.conversation).data.fresh) return null;
  // Only the conversation's latest ticket can be reopened: a newer request means the user moved on.
  const rows = await new Sql(turn.deps.provider).query<Ticket>(
    turn.tx,
    `SELECT * FROM "Ticket" t WHERE t."conversationId" = ? AND t."status" = 'resolved' AND t."resolvedBy" = 'agent'
       AND NOT EXISTS (SELECT 1 FROM "Ticket" n WHERE n."conversationId" = t."conversationId" AND n."number" > t."number")
     ORDER BY t."resolvedAt" DESC LIMIT 1`,
    turn.conversation.id,
  );
  const last = rows[0];
  if (!last?.resolvedAt) return null;
  return turn.now.getTime() - last.resolvedAt.getTime() <= turn.deps.config.reopenWindowMs ? last : null;
}

export async function reopen(turn: Turn, ticket: Ticket): Promise<Ticket> {
  const { tx, now } = turn;
  const agent = ticket.assigneeId ? await tx.agent.findUnique({ where: { id: ticket.assigneeId } }) : null;
  const actor = { kind: 'requester' as const, id: turn.requester.id };
  await new Sql(turn.deps.provider).execute(tx, 'UPDATE "Message" SET "ticketId" = ? WHERE "id" = ?', ticket.id, turn.messageId);
  turn.messageTicketId = ticket.id;
  if (agent?.active) {
    const updated = await changeStatus(tx, ticket, { to: 'in_progress', actor, at: now, event: 'reopened', reason: 'requester_wrote_again' }, turn.deps.sla.pausedWorkingMs);
    stageConversation(turn, { owner: 'agent', ownerAgentId: agent.id, activeTicketId: ticket.id, state: 'idle', data: {} });
    say(turn, turn.texts.reopened(formatTicketNumber(ticket.number, turn.deps.config.ticketPrefix)), ticket.id);
    await relayToAgents(turn, updated);
    return updated;
  }
  await recordEvent(tx, { ticketId: ticket.id, type: 'reopened', actor, at: now, data: { reason: 'requester_wrote_again' } });
  // The agent who resolved it is gone: back to the queue, with no stale assignee on the card.
  const unassigned = await updateTicket(tx, ticket, { assigneeId: null });
  return escalate(turn, unassigned, 'reopened', 'requester');
}
