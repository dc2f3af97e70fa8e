/** Commands: /start, /help, /tickets, /new, /cancel, /human. Unknown ones get a pointer to /help. */
import { findTicket } from '../tickets/find-ticket.ts';
import { buildTicketCard } from '../tickets/ticket-card.ts';
import { changeStatus } from '../tickets/change-status.ts';
import { formatTicketNumber, type TicketStatus } from '../model/ticket.ts';
import type { ParsedCommand } from './intents.ts';
import { stageConversation } from './conversation-state.ts';
import { escalate } from './handoff.ts';
import { say, type Turn } from './turn.ts';
import { openTicketForTurn, handleRequest } from './requests.ts';

const LISTED_TICKETS = 10;
const CANCELLABLE: TicketStatus[] = ['new', 'answered_by_bot', 'escalated'];

export async function handleCommand(turn: Turn, parsed: ParsedCommand): Promise<void> {
  if (!parsed.known) {
    say(turn, turn.texts.unknownCommand(parsed.command));
    return;
  }
  // A ticket still waiting in the queue can be cancelled by its requester; once an agent has it, not.
  const humanOwns = turn.conversation.owner === 'agent' || (turn.conversation.owner === 'queue' && parsed.known && parsed.command !== 'cancel');
  switch (parsed.command) {
    case 'start':
      if (!turn.firstContact) say(turn, turn.texts.greeting);
      say(turn, turn.texts.help);
      return;
    case 'help':
      say(turn, turn.texts.help);
      return;
    case 'tickets':
      await listTickets(turn);
      return;
    case 'new':
    case 'cancel':
    case 'human':
      if (humanOwns) {
        say(turn, turn.texts.alreadyWithHuman(await activeNumber(turn)));
        return;
      }
      if (parsed.command === 'new') return startNew(turn, parsed.args);
      if (parsed.command === 'cancel') return cancel(turn);
      return askForHuman(turn);
  }
}

async function activeNumber(turn: Turn): Promise<string> {
  const id = turn.conversation.activeTicketId;
  const ticket = id ? await findTicket(turn.tx, id) : null;
  return ticket ? formatTicketNumber(ticket.number, turn.deps.config.ticketPrefix) : '';
}

async function listTickets(turn: Turn): Promise<void> {
  const tickets = await turn.tx.ticket.findMany({
    where: { requesterId: turn.requester.id },
    orderBy: { createdAt: 'desc' },
    take: LISTED_TICKETS,
  });
  if (tickets.length === 0) {
    say(turn, turn.texts.noTickets);
    return;
  }
  const lines = tickets.map((t) =>
    turn.texts.ticketLine(formatTicketNumber(t.number, turn.deps.config.ticketPrefix), turn.texts.status[t.status] ?? t.status, t.subject),
  );
  say(turn, `${turn.texts.ticketsHeader}\n${lines.join('\n')}`);
}

/** Leaves the current bot-handled request as it is (no feedback given) and starts afresh. */
async function startNew(turn: Turn, args: string): Promise<void> {
  stageConversation(turn, { state: 'idle', data: { fresh: true }, activeTicketId: null });
  if (args) {
    await handleRequest(turn, args);
    return;
  }
  say(turn, turn.texts.newRequest);
}

async function cancel(turn: Turn): Promise<void> {
  const id = turn.conversation.activeTicketId;
  const ticket = id ? await findTicket(turn.tx, id) : null;
  if (!ticket || !CANCELLABLE.includes(ticket.status as TicketStatus)) {
    say(turn, turn.texts.nothingToCancel);
    return;
  }
  await changeStatus(turn.tx, ticket, { to: 'cancelled', actor: { kind: 'requester', id: turn.requester.id }, at: turn.now, event: 'cancelled' }, turn.deps.sla.pausedWorkingMs);
  stageConversation(turn, { state: 'idle', data: {}, activeTicketId: null, owner: 'bot', ownerAgentId: null });
  say(turn, turn.texts.cancelled(formatTicketNumber(ticket.number, turn.deps.config.ticketPrefix)), ticket.id);
  if (ticket.status === 'escalated' && turn.effects.notifies) {
    // The queue's post must not keep offering "Take" for a request its requester withdrew.
    const card = await buildTicketCard(turn.tx, ticket.id, turn.deps.kb, turn.deps.config.ticketPrefix);
    turn.effects.notifyAgents(ticket.id, { kind: 'ticket_updated', card, change: 'cancelled by the requester' });
  }
}

/** "Talk to a person": the current request goes to the queue; with none, a new ticket is opened for it. */
export async function askForHuman(turn: Turn): Promise<void> {
  const id = turn.conversation.activeTicketId;
  let ticket = id ? await findTicket(turn.tx, id) : null;
  if (!ticket || !['new', 'answered_by_bot'].includes(ticket.status)) {
    ticket = await openTicketForTurn(turn, turn.message.text.startsWith('/') ? turn.texts.talkToPerson : turn.message.text);
  }
  await escalate(turn, ticket, 'asked_for_human', 'requester');
}
