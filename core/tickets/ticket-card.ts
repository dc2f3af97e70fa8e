/** Builds the summary agent surfaces show for a ticket, from the database, inside the caller's transaction. */
import type { Tx } from '../store/database.ts';
import type { TicketCard } from '../model/delivery.ts';
import type { Channel, Language } from '../model/messages.ts';
import type { KnowledgeService } from '../../knowledge/types.ts';
import { formatTicketNumber } from '../model/ticket.ts';

const TRANSCRIPT_MESSAGES = 10;
const TRANSCRIPT_TEXT_MAX = 500;

export async function buildTicketCard(tx: Tx, ticketId: string, kb: KnowledgeService, prefix: string): Promise<TicketCard> {
  const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { requester: true, assignee: true } });
  const messages = await tx.message.findMany({
    where: { ticketId, internal: false },
    orderBy: { createdAt: 'desc' },
    take: TRANSCRIPT_MESSAGES,
  });
  const article = ticket.articleKey ? kb.article(ticket.articleKey) : undefined;
  return {
    ticketId: ticket.id,
    number: formatTicketNumber(ticket.number, prefix),
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category,
    type: ticket.type,
    language: ticket.language as Language,
    requesterName: ticket.requester.displayName,
    requesterChannel: ticket.channel as Channel,
    ...(ticket.assignee ? { assigneeName: ticket.assignee.name } : {}),
    ...(ticket.firstResponseDue ? { firstResponseDue: ticket.firstResponseDue.toISOString() } : {}),
    ...(ticket.resolutionDue ? { resolutionDue: ticket.resolutionDue.toISOString() } : {}),
    ...(ticket.articleKey ? { triedArticle: { key: ticket.articleKey, title: article?.title ?? ticket.articleKey } } : {}),
    transcript: messages.reverse().map((m) => ({
      from: m.authorKind === 'requester' ? 'requester' : m.authorKind === 'agent' ? 'agent' : 'bot',
      text: m.text.length > TRANSCRIPT_TEXT_MAX ? `${m.text.slice(0, TRANSCRIPT_TEXT_MAX)}…` : m.text,
      at: m.createdAt.toISOString(),
    })),
  };
}
