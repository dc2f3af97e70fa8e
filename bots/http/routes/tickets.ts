/**
 * REST API for tickets: list with filters, one ticket with its full event history and transcript, the
 * queue, and agent actions. Routes only validate and call core; the work is in core/.
 * (Express 5 passes rejected promises to the error handler, so handlers are plain async functions.)
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../../core/store/database.ts';
import type { Frontline } from '../../../core/frontline.ts';
import { AppError } from '../../../core/model/errors.ts';
import { formatTicketNumber, parseTicketNumber, TICKET_STATUSES, PRIORITY_VALUES, OPEN_STATUSES } from '../../../core/model/ticket.ts';
import { CHANNELS } from '../../../core/model/messages.ts';
import type { Ticket } from '../../../prisma/generated/sqlite/client.ts';

const listQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
  category: z.string().max(40).optional(),
  priority: z.enum(PRIORITY_VALUES).optional(),
  channel: z.enum(CHANNELS).optional(),
  assignee: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const agentRef = z.object({ name: z.string().trim().min(1).max(120) });

const actionBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('take'), agent: agentRef }),
  z.object({ type: z.literal('release'), agent: agentRef }),
  z.object({ type: z.literal('reply'), agent: agentRef, text: z.string().min(1).max(20_000) }),
  z.object({ type: z.literal('note'), agent: agentRef, text: z.string().min(1).max(20_000) }),
  z.object({ type: z.literal('resolve'), agent: agentRef, text: z.string().max(20_000).optional() }),
  z.object({ type: z.literal('set_priority'), agent: agentRef, priority: z.enum(PRIORITY_VALUES) }),
  z.object({ type: z.literal('set_category'), agent: agentRef, category: z.string().min(1).max(40) }),
]);

export function ticketRoutes(deps: { prisma: Prisma; core: Frontline; ticketPrefix: string }): Router {
  const router = Router();
  const present = (t: Ticket) => ({ ...t, number: formatTicketNumber(t.number, deps.ticketPrefix) });

  router.get('/tickets', async (req, res) => {
    const q = listQuery.parse(req.query);
    const where = {
      ...(q.status ? { status: q.status } : q.open === 'true' ? { status: { in: [...OPEN_STATUSES] } } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.priority ? { priority: q.priority } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.assignee ? { assigneeId: q.assignee } : {}),
    };
    const [total, tickets] = await Promise.all([
      deps.prisma.ticket.count({ where }),
      deps.prisma.ticket.findMany({ where, orderBy: { createdAt: 'desc' }, take: q.limit, skip: q.offset }),
    ]);
    res.json({ total, tickets: tickets.map(present) });
  });

  router.get('/queue', async (req, res) => {
    const category = z.string().max(40).optional().parse(req.query.category);
    const tickets = await deps.prisma.ticket.findMany({
      where: { status: 'escalated', ...(category ? { category } : {}) },
      orderBy: [{ priority: 'asc' }, { escalatedAt: 'asc' }],
      take: 200,
    });
    res.json({ tickets: tickets.map(present) });
  });

  router.get('/tickets/:ref', async (req, res) => {
    const ticket = await findTicket(deps.prisma, req.params.ref);
    const [events, messages, requester] = await Promise.all([
      deps.prisma.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: 'asc' } }),
      deps.prisma.message.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: 'asc' } }),
      deps.prisma.requester.findUnique({ where: { id: ticket.requesterId }, include: { identities: true } }),
    ]);
    res.json({
      ticket: present(ticket),
      requester,
      events: events.map((e) => ({ ...e, data: JSON.parse(e.data) as unknown })),
      transcript: messages.map((m) => ({ ...m, attachments: JSON.parse(m.attachments) as unknown })),
    });
  });

  router.post('/tickets/:ref/actions', async (req, res) => {
    const body = actionBody.parse(req.body);
    const ticket = await findTicket(deps.prisma, req.params.ref);
    const { agent, ...action } = body;
    const updated = await deps.core.agentAction({
      channel: 'web',
      externalId: `api:${Date.now()}:${Math.random().toString(36).slice(2)}`,
      agent: { externalUserId: agent.name.toLowerCase(), displayName: agent.name },
      ticket: { ticketId: ticket.id },
      action,
      receivedAt: new Date(),
    } as Parameters<Frontline['agentAction']>[0]);
    res.json({ ticket: present(updated) });
  });

  return router;
}

/** A ticket by id or by number (`FL-00042`, `42`). */
async function findTicket(prisma: Prisma, ref: string): Promise<Ticket> {
  const number = parseTicketNumber(ref);
  const ticket = number !== undefined
    ? await prisma.ticket.findUnique({ where: { number } })
    : await prisma.ticket.findUnique({ where: { id: ref.slice(0, 40) } });
  if (!ticket) throw new AppError('not_found', `ticket ${ref.slice(0, 40)} not found`);
  return ticket;
}
