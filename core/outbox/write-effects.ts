/**
 * Turns a turn's effects into outbox rows (and transcript rows for replies) inside the same transaction
 * as the change that caused them: if the transaction rolls back, nothing is sent; if it commits, the
 * outbox worker will send it at least once.
 */
import type { Tx } from '../store/database.ts';
import type { Channel } from '../model/messages.ts';
import type { Delivery } from '../model/delivery.ts';
import type { Effects } from '../dialogue/turn.ts';
import { newId } from '../store/ids.ts';
import { insertRows } from '../store/rows.ts';

/** Plain-text rendering of a reply for the transcript (buttons listed, so agents see what was offered). */
function transcriptText(reply: { title?: string; text: string; buttons?: Array<Array<{ label: string }>> }): string {
  const buttons = reply.buttons?.flat().map((b) => `[${b.label}]`).join(' ');
  return [reply.title, reply.text, buttons].filter(Boolean).join('\n');
}

/** Returns the number of outbox rows written. */
export async function writeEffects(tx: Tx, effects: Effects, agentSurfaces: readonly Channel[], at: Date): Promise<number> {
  // One statement per table: transcript rows, then outbox rows in the order the turn produced them
  // (autoincrement ids follow the VALUES order, which keeps replies in order per chat).
  const transcript = effects.replies.map((pending) => ({
    id: newId(),
    conversationId: pending.conversationId,
    ticketId: pending.ticketId ?? null,
    direction: 'out',
    authorKind: pending.author.kind,
    agentId: pending.author.kind === 'agent' ? pending.author.agentId : null,
    channel: pending.channel,
    text: transcriptText(pending.reply),
    createdAt: at,
  }));
  const outbox = effects.replies.map((pending) => {
    const delivery: Delivery = { kind: 'requester_reply', conversationKey: pending.conversationKey, reply: pending.reply };
    return outboxRow(pending.channel, `${pending.channel}:${pending.conversationKey}`, pending.ticketId ?? null, delivery, at);
  });
  for (const { ticketId, notice } of effects.notices) {
    const delivery: Delivery = { kind: 'agent_notice', notice };
    for (const channel of agentSurfaces) outbox.push(outboxRow(channel, `agents:${channel}:${ticketId}`, ticketId, delivery, at));
  }
  await insertRows(tx, 'Message', transcript);
  await insertRows(tx, 'OutboxMessage', outbox);
  return outbox.length;
}

function outboxRow(channel: string, orderKey: string, ticketId: string | null, delivery: Delivery, at: Date) {
  return { channel, orderKey, ticketId, payload: JSON.stringify(delivery), nextAttemptAt: at, createdAt: at };
}
