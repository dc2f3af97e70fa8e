/** Appends one row to a ticket's audit trail. Events are never updated or deleted. */
import type { Tx } from '../store/database.ts';
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

export async function recordEvent(tx: Tx, input: EventInput): Promise<void> {
  await tx.ticketEvent.create({
    data: {
      ticketId: input.ticketId,
      type: input.type,
      actorKind: input.actor.kind,
      actorId: input.actor.id ?? null,
      fromStatus: input.from ?? null,
      toStatus: input.to ?? null,
      data: JSON.stringify(input.data ?? {}),
      createdAt: input.at,
    },
  });
}
