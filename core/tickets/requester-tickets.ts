/** A requester's recent tickets, found by their identity on a channel (App Home, "my tickets"). */
import type { Prisma } from '../store/database.ts';
import type { Channel } from '../model/messages.ts';
import { formatTicketNumber } from '../model/ticket.ts';

export interface RequesterTicket {
  number: string;
  subject: string;
  status: string;
  priority: string;
  updatedAt: Date;
  resolutionDue?: Date;
  language: string;
}

export async function ticketsOfIdentity(prisma: Prisma, channel: Channel, externalUserId: string, prefix: string, limit = 50): Promise<RequesterTicket[]> {
  const identity = await prisma.identity.findUnique({ where: { channel_externalUserId: { channel, externalUserId } } });
  if (!identity) return [];
  const tickets = await prisma.ticket.findMany({ where: { requesterId: identity.requesterId }, orderBy: { updatedAt: 'desc' }, take: limit });
  return tickets.map((t) => ({
    number: formatTicketNumber(t.number, prefix),
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    updatedAt: t.updatedAt,
    language: t.language,
    ...(t.resolutionDue ? { resolutionDue: t.resolutionDue } : {}),
  }));
}
