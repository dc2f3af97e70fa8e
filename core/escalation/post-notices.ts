/**
 * Posts SLA notices: an `sla_alert` per notice to every agent surface (the Telegram agents' topic and
 * the Slack triage thread highlight the ticket), a `ticket_updated` when the ticket was raised a line,
 * and a `lead_alert` to the lead surface when one is configured. Rows go to the outbox inside the
 * sweep's transaction, so a notice is posted if and only if its event was recorded.
 */
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import type { Tx } from '../store/database.ts';
import type { Channel } from '../model/messages.ts';
import type { AgentNotice, Delivery, TicketCard } from '../model/delivery.ts';
import type { SlaNotice } from '../sla/escalation.ts';
import type { SupportLine } from '../sla/policy-types.ts';
import type { DialogueDeps } from '../dialogue/turn.ts';
import { Effects } from '../dialogue/turn.ts';
import { writeEffects } from '../outbox/write-effects.ts';
import { buildTicketCard } from '../tickets/ticket-card.ts';

export interface NoticeTargets {
  agentSurfaces: readonly Channel[];
  /** Channel whose lead chat/channel gets `lead_alert`s; the sender routes them there. */
  leadSurface?: Channel;
}

interface PostContext {
  tx: Tx;
  now: Date;
  deps: DialogueDeps;
  targets: NoticeTargets;
}

export const LEVEL_OF = { warning: 'warning', breach: 'breached' } as const;

export async function postSlaNotices(ctx: PostContext, ticket: Ticket, notices: readonly SlaNotice[], raisedTo: SupportLine | null): Promise<void> {
  const base = await buildTicketCard(ctx.tx, ticket.id, ctx.deps.kb, ctx.deps.config.ticketPrefix);
  const effects = new Effects();
  for (const notice of notices) {
    const level = LEVEL_OF[notice.kind];
    effects.notifyAgents(ticket.id, { kind: 'sla_alert', card: { ...base, slaAlert: level }, level, target: notice.target });
  }
  if (raisedTo) {
    effects.notifyAgents(ticket.id, { kind: 'ticket_updated', card: withAlert(base, notices), change: `raised to ${raisedTo} (SLA)` });
  }
  await writeEffects(ctx.tx, effects, ctx.targets.agentSurfaces, ctx.now);
  if (ctx.targets.leadSurface && notices.length > 0) {
    const notice: AgentNotice = { kind: 'lead_alert', card: withAlert(base, notices), text: leadText(base, notices, raisedTo) };
    await writeLeadAlert(ctx.tx, ctx.targets.leadSurface, ticket.id, notice, ctx.now);
  }
}

function withAlert(card: TicketCard, notices: readonly SlaNotice[]): TicketCard {
  const breached = notices.some((n) => n.kind === 'breach');
  return { ...card, slaAlert: breached ? 'breached' : 'warning' };
}

/** One line per notice, e.g. "SLA breached (first response, due 2025-06-09T06:55:00.000Z) on FL-00001". */
export function leadText(card: TicketCard, notices: readonly SlaNotice[], raisedTo: SupportLine | null): string {
  const lines = notices.map((n) => {
    const due = n.dueAt ? `, due ${n.dueAt.toISOString()}` : '';
    return `SLA ${LEVEL_OF[n.kind]} (${n.target.replace('_', ' ')}${due}) on ${card.number} [${card.priority}]: ${card.subject}`;
  });
  if (raisedTo) lines.push(`Raised to ${raisedTo}.`);
  return lines.join('\n');
}

/** Lead alerts are ordered among themselves, not behind the ticket's agent-surface posts. */
async function writeLeadAlert(tx: Tx, channel: Channel, ticketId: string, notice: AgentNotice, at: Date): Promise<void> {
  const delivery: Delivery = { kind: 'agent_notice', notice };
  await tx.outboxMessage.create({
    data: { channel, orderKey: `lead:${channel}`, ticketId, payload: JSON.stringify(delivery), nextAttemptAt: at, createdAt: at },
  });
}
