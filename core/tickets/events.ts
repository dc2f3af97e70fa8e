/** Appends rows to a ticket's audit trail. Events are never updated or deleted. */
import type { Tx } from '../store/database.ts';
import { newId } from '../store/ids.ts';
import { insertRows } from '../store/rows.ts';
import type { ActorKind, TicketEventType, TicketStatus } from '../model/ticket.ts';

export interface Actor {
  kind: ActorKind;
  /** Agent id, requester id, or undefined for the bot/system. */
  id?: string;
}

export const BOT: Actor = { kind: 'bot' };
export const SYSTEM: Actor = { kind: 'system' };

export interface EventInput {
  ticketId: string;
  type: TicketEventType;
  actor: Actor;
  at: Date;
  from?: TicketStatus;
  to?: TicketStatus;
  data?: Record<string, unknown>;
}

function eventRow(input: EventInput): Record<string, unknown> {
  return {
    id: newId(),
    ticketId: input.ticketId,
    type: input.type,
    actorKind: input.actor.kind,
    actorId: input.actor.id ?? null,
    fromStatus: input.from ?? null,
    toStatus: input.to ?? null,
    data: JSON.stringify(input.data ?? {}),
    createdAt: input.at,
  };
}

export async function recordEvent(tx: Tx, input: EventInput): Promise<void> {
  await insertRows(tx, 'TicketEvent', [eventRow(input)]);
}

/** Several events in one statement, stored (and ordered by `[createdAt, id]`) in the given order. */
export async function recordEvents(tx: Tx, inputs: readonly EventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await insertRows(tx, 'TicketEvent', inputs.map(eventRow));
}
