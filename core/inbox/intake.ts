/**
 * The IntakePort over the inbox table: an event is stored under its unique (channel, external id) before
 * the adapter acknowledges it. A replay hits the unique key and is reported as a duplicate, so 50 copies
 * of one delivery store one row. After storing, the worker is poked to process it.
 */
import type { Prisma } from '../store/database.ts';
import type { IntakeEvent, IntakePort, IntakeResult } from '../model/intake.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';

/** Longest text we store for one message; Slack allows 40,000 characters. Longer input is cut, not refused. */
export const STORED_TEXT_MAX = 40_000;

export function eventKey(event: IntakeEvent): { channel: string; externalId: string; conversationKey: string } {
  if (event.kind === 'requester') {
    const m = event.message;
    return { channel: m.channel, externalId: m.externalId, conversationKey: `${m.channel}:${m.conversationKey}` };
  }
  const c = event.command;
  const ticket = 'ticketId' in c.ticket ? c.ticket.ticketId : `${c.ticket.surface}:${c.ticket.ref}`;
  return { channel: c.channel, externalId: `agent:${c.externalId}`, conversationKey: `ticket:${ticket}` };
}

/**
 * Cuts text to STORED_TEXT_MAX without splitting a surrogate pair, and replaces lone surrogates (from a
 * platform or client that cut an emoji in half) with U+FFFD: the database drivers refuse them.
 */
export function cleanText(text: string): string {
  if (text.length <= STORED_TEXT_MAX) return text.toWellFormed();
  const cut = text.slice(0, STORED_TEXT_MAX);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).toWellFormed();
}

function clamp(event: IntakeEvent): IntakeEvent {
  if (event.kind === 'requester') return { kind: 'requester', message: { ...event.message, text: cleanText(event.message.text) } };
  const action = event.command.action;
  if ('text' in action && typeof action.text === 'string') {
    return { kind: 'agent', command: { ...event.command, action: { ...action, text: cleanText(action.text) } } };
  }
  return event;
}

export class InboxIntake implements IntakePort {
  constructor(
    private readonly prisma: Prisma,
    private readonly onStored: (conversationKey: string) => void = () => {},
  ) {}

  async accept(event: IntakeEvent): Promise<IntakeResult> {
    const key = eventKey(event);
    try {
      const row = await this.prisma.inboxEvent.create({
        data: { ...key, kind: event.kind, payload: JSON.stringify(clamp(event)) },
        select: { id: true },
      });
      this.onStored(key.conversationKey);
      return { stored: true, duplicate: false, inboxId: String(row.id) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.prisma.inboxEvent.findUnique({
        where: { channel_externalId: { channel: key.channel, externalId: key.externalId } },
        select: { id: true },
      });
      return { stored: false, duplicate: true, inboxId: String(existing?.id ?? '') };
    }
  }
}

/** Revives dates after the JSON round trip. */
export function parseStoredEvent(payload: string): IntakeEvent {
  const event = JSON.parse(payload) as IntakeEvent;
  if (event.kind === 'requester') event.message.receivedAt = new Date(event.message.receivedAt);
  else event.command.receivedAt = new Date(event.command.receivedAt);
  return event;
}
