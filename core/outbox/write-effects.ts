/**
 * Turns a turn's effects into outbox rows (and transcript rows for replies) inside the same transaction
 * as the change that caused them: if the transaction rolls back, nothing is sent; if it commits, the
 * outbox worker will send it at least once.
 */
import type { Tx } from '../store/database.ts';
import type { Channel } from '../model/messages.ts';
import type { Delivery } from '../model/delivery.ts';
import type { Effects } from '../dialogue/turn.ts';

/** Plain-text rendering of a reply for the transcript (buttons listed, so agents see what was offered). */
function transcriptText(reply: { title?: string; text: string; buttons?: Array<Array<{ label: string }>> }): string {
  const buttons = reply.buttons?.flat().map((b) => `[${b.label}]`).join(' ');
  return [reply.title, reply.text, buttons].filter(Boolean).join('\n');
}

export async function writeEffects(tx: Tx, effects: Effects, agentSurfaces: readonly Channel[], at: Date): Promise<void> {
  for (const pending of effects.replies) {
    await tx.message.create({
      data: {
        conversationId: pending.conversationId,
        ticketId: pending.ticketId ?? null,
        direction: 'out',
        authorKind: pending.author.kind,
        agentId: pending.author.kind === 'agent' ? pending.author.agentId : null,
        channel: pending.channel,
        text: transcriptText(pending.reply),
        createdAt: at,
      },
    });
    const delivery: Delivery = { kind: 'requester_reply', conversationKey: pending.conversationKey, reply: pending.reply };
    await tx.outboxMessage.create({
      data: {
        channel: pending.channel,
        orderKey: `${pending.channel}:${pending.conversationKey}`,
        ticketId: pending.ticketId ?? null,
        payload: JSON.stringify(delivery),
        nextAttemptAt: at,
        createdAt: at,
      },
    });
  }
  for (const { ticketId, notice } of effects.notices) {
    const delivery: Delivery = { kind: 'agent_notice', notice };
    for (const channel of agentSurfaces) {
      await tx.outboxMessage.create({
        data: { channel, orderKey: `agents:${channel}:${ticketId}`, ticketId, payload: JSON.stringify(delivery), nextAttemptAt: at, createdAt: at },
      });
    }
  }
}
