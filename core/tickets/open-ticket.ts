/**
 * Opens a ticket for a request. The number comes from a counter row incremented inside the same
 * transaction (`INSERT .. ON CONFLICT DO UPDATE .. RETURNING`, the same SQL on SQLite and PostgreSQL), so
 * concurrent first messages never share a number: the row lock serialises them.
 */
import type { Tx } from '../store/database.ts';
import type { Channel, Language } from '../model/messages.ts';
import type { RequestClassification } from '../../knowledge/types.ts';
import type { Ticket } from '../../prisma/generated/sqlite/client.ts';
import { recordEvents, BOT, type Actor, type EventInput } from './events.ts';
import { newId } from '../store/ids.ts';
import { insertRows } from '../store/rows.ts';

export const SUBJECT_MAX = 120;

export interface OpenTicketInput {
  requesterId: string;
  conversationId: string;
  channel: Channel;
  text: string;
  language: Language;
  classification: RequestClassification;
  at: Date;
  actor: Actor;
  /**
   * Columns that follow from the new row (SLA due times), written with it, and the events recording them
   * (after `created` and `classified`).
   */
  follow?: (ticket: Ticket) => { set: Partial<Ticket>; events: EventInput[] } | undefined;
}

export async function nextTicketNumber(tx: Tx): Promise<number> {
  const rows = await tx.$queryRawUnsafe<Array<{ value: number | bigint }>>(
    `INSERT INTO "Counter" ("name", "value") VALUES ('ticket', 1)
     ON CONFLICT ("name") DO UPDATE SET "value" = "Counter"."value" + 1
     RETURNING "value"`,
  );
  return Number(rows[0]!.value);
}

/** First line of the request, whitespace folded, cut at a word near SUBJECT_MAX. */
export function subjectFrom(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= SUBJECT_MAX) return oneLine || '(no text)';
  const cut = oneLine.slice(0, SUBJECT_MAX);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > SUBJECT_MAX / 2 ? space : SUBJECT_MAX)}…`;
}

export async function openTicket(tx: Tx, input: OpenTicketInput): Promise<Ticket> {
  const number = await nextTicketNumber(tx);
  const c = input.classification;
  let ticket: Ticket = {
    id: newId(),
    number,
    subject: subjectFrom(input.text),
    status: 'new',
    channel: input.channel,
    requesterId: input.requesterId,
    conversationId: input.conversationId,
    assigneeId: null,
    category: c.category,
    categoryConfidence: c.categoryConfidence,
    type: c.type,
    typeConfidence: c.typeConfidence,
    priority: c.priority,
    priorityConfidence: c.priorityConfidence,
    language: input.language,
    supportLine: 'L1',
    articleKey: null,
    resolvedBy: null,
    csat: null,
    reopenCount: 0,
    firstResponseDue: null,
    resolutionDue: null,
    firstResponseAt: null,
    escalatedAt: null,
    resolvedAt: null,
    closedAt: null,
    pausedAt: null,
    pausedMs: 0,
    createdAt: input.at,
    updatedAt: new Date(),
  };
  const events: EventInput[] = [
    { ticketId: ticket.id, type: 'created', actor: input.actor, at: input.at, to: 'new', data: { channel: input.channel } },
    { ticketId: ticket.id, type: 'classified', actor: BOT, at: input.at, data: { ...c } },
  ];
  const follow = input.follow?.(ticket);
  if (follow) {
    ticket = { ...ticket, ...follow.set };
    events.push(...follow.events);
  }
  await insertRows(tx, 'Ticket', [ticket]);
  await recordEvents(tx, events);
  return ticket;
}
