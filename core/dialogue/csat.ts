/**
 * Customer satisfaction: asked once, after a resolution by an agent. The first rating counts; a repeated
 * or late rating is thanked but not stored again (the ticket's `csat` column holds the first answer).
 */
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { encodeButton } from './buttons.ts';
import { recordEvent } from '../tickets/events.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { stageConversation } from './conversation-state.ts';
import { say, type Turn } from './turn.ts';
import type { OutboundReply } from '../model/messages.ts';
import type { Texts } from './texts.ts';

const RATEABLE = ['resolved', 'closed', 'resolved_by_self_service'];

export function csatQuestion(texts: Texts, ticketId: string): OutboundReply {
  return {
    text: texts.askCsat,
    buttons: [[1, 2, 3, 4, 5].map((score) => ({ label: String(score), payload: encodeButton({ kind: 'csat', ticketId, score }) }))],
  };
}

export async function recordCsat(turn: Turn, ticket: Ticket, score: number, comment?: string): Promise<void> {
  if (ticket.csat !== null || !RATEABLE.includes(ticket.status)) {
    say(turn, ticket.csat !== null ? turn.texts.csatAlready : turn.texts.staleButton);
    return;
  }
  await updateTicket(turn.tx, ticket, { csat: score });
  await recordEvent(turn.tx, {
    ticketId: ticket.id,
    type: 'csat',
    actor: { kind: 'requester', id: turn.requester.id },
    at: turn.now,
    data: { score, ...(comment ? { comment } : {}) },
  });
  if (turn.conversation.state === 'awaiting_csat') {
    stageConversation(turn, { state: 'idle', data: {} });
  }
  say(turn, turn.texts.csatThanks(score), ticket.id);
}
