/**
 * One ticket's SLA sweep, in one transaction: lock the row, re-read the ticket and the notices already
 * recorded, refresh stale due times, then record and post whatever notices are newly due and raise the
 * support line when the policy says so. Re-reading under the lock is what makes two instances sweeping
 * at once safe: the second sees the first one's events and finds nothing left to do.
 */
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import type { Provider, Tx } from '../store/database.ts';
import type { FrontlineSlaPort } from '../sla/sla-port.ts';
import type { SentNotice, SlaNotice } from '../sla/escalation.ts';
import type { SupportLine } from '../sla/policy-types.ts';
import { recordEvent, SYSTEM } from '../tickets/events.ts';
import { setDueTimes } from '../dialogue/handoff.ts';
import type { DialogueDeps } from '../dialogue/turn.ts';
import { isOpen, type TicketStatus } from '../model/ticket.ts';
import { postSlaNotices, type NoticeTargets } from './post-notices.ts';

export interface SweepContext {
  tx: Tx;
  now: Date;
  provider: Provider;
  sla: FrontlineSlaPort;
  /** What setDueTimes and the ticket card need (kb, ticket prefix); built once by the sweeper. */
  deps: DialogueDeps;
  targets: NoticeTargets;
}

/** What one ticket's sweep did; summed by the sweeper. */
export interface TicketSweepResult {
  notices: SlaNotice[];
  raisedTo: SupportLine | null;
}

const NOTHING: TicketSweepResult = { notices: [], raisedTo: null };

/** Event type of each notice kind; the same mapping read back in {@link sentNotices}. */
const EVENT_OF = { warning: 'sla_warning', breach: 'sla_breached' } as const;

export async function sweepTicket(ctx: SweepContext, ticketId: string): Promise<TicketSweepResult> {
  await lockTicket(ctx.tx, ctx.provider, ticketId);
  let ticket = await ctx.tx.ticket.findUnique({ where: { id: ticketId } });
  // The ticket may have been resolved or closed since it was listed: nothing to watch any more.
  if (!ticket || !isOpen(ticket.status as TicketStatus)) return NOTHING;
  ticket = await refreshDueTimes(ctx, ticket);
  const decision = ctx.sla.escalation(ticket, ctx.now, await sentNotices(ctx.tx, ticket.id));
  if (decision.notices.length === 0 && !decision.raiseTo) return NOTHING;
  for (const notice of decision.notices) {
    await recordEvent(ctx.tx, {
      ticketId: ticket.id,
      type: EVENT_OF[notice.kind],
      actor: SYSTEM,
      at: ctx.now,
      data: {
        target: notice.target,
        dueAt: notice.dueAt?.toISOString() ?? null,
        fractionUsed: Number(notice.fractionUsed.toFixed(4)),
        overdueMs: notice.overdueMs,
      },
    });
  }
  if (decision.raiseTo) ticket = await raiseLine(ctx, ticket, decision.raiseTo, decision.notices);
  await postSlaNotices(ctx, ticket, decision.notices, decision.raiseTo);
  return { notices: [...decision.notices], raisedTo: decision.raiseTo };
}

/**
 * On PostgreSQL: lock the ticket's conversation first (the lock requester messages and agent actions
 * take, in the same order, so they serialise with the sweep and cannot deadlock with it), then the
 * ticket (serialising sweepers). SQLite has one writer.
 */
async function lockTicket(tx: Tx, provider: Provider, ticketId: string): Promise<void> {
  if (provider !== 'postgres') return;
  await tx.$queryRawUnsafe(
    'SELECT c."id" FROM "Conversation" c WHERE c."id" = (SELECT t."conversationId" FROM "Ticket" t WHERE t."id" = $1) FOR UPDATE',
    ticketId,
  );
  await tx.$queryRawUnsafe('SELECT "id" FROM "Ticket" WHERE "id" = $1 FOR UPDATE', ticketId);
}

/** Notices already recorded for the ticket, read inside the transaction (after the lock). */
export async function sentNotices(tx: Tx, ticketId: string): Promise<SentNotice[]> {
  const events = await tx.ticketEvent.findMany({
    where: { ticketId, type: { in: [EVENT_OF.warning, EVENT_OF.breach] } },
    select: { type: true, data: true },
  });
  const sent: SentNotice[] = [];
  for (const event of events) {
    const target = targetOf(event.data);
    if (target) sent.push({ target, kind: event.type === EVENT_OF.breach ? 'breach' : 'warning' });
  }
  return sent;
}

function targetOf(data: string): SentNotice['target'] | undefined {
  try {
    const target = (JSON.parse(data) as { target?: unknown }).target;
    return target === 'first_response' || target === 'resolution' ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stored due times drift when a pause ends (`pausedMs` grows) or the priority/calendar changed without a
 * recompute; the KPIs compare against the stored values, so keep them current. While a pause is open the
 * due times are unknown (null): the last known ones are kept rather than erased.
 */
async function refreshDueTimes(ctx: SweepContext, ticket: Ticket): Promise<Ticket> {
  if (ticket.pausedAt) return ticket;
  return setDueTimes({ tx: ctx.tx, now: ctx.now, deps: ctx.deps }, ticket);
}

/** Raises the ticket one support line; its queue (and so maybe its calendar) changes, so due times too. */
async function raiseLine(ctx: SweepContext, ticket: Ticket, to: SupportLine, notices: readonly SlaNotice[]): Promise<Ticket> {
  const updated = await ctx.tx.ticket.update({ where: { id: ticket.id }, data: { supportLine: to } });
  const cause = notices.find((n) => n.kind === 'breach') ?? notices[0];
  await recordEvent(ctx.tx, {
    ticketId: ticket.id,
    type: 'raised_line',
    actor: SYSTEM,
    at: ctx.now,
    data: { from: ticket.supportLine, to, reason: cause ? `sla_${cause.kind}` : 'sla', target: cause?.target ?? null },
  });
  return updated.pausedAt ? updated : setDueTimes({ tx: ctx.tx, now: ctx.now, deps: ctx.deps }, updated);
}
