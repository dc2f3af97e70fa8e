/**
 * The terminal channel's sender: delivery is "kept for the terminal client to read" (GET
 * /api/terminal/replies), so a send always succeeds and the outbox row itself is the mailbox.
 */
import type { ChannelSender, SendResult } from '../../core/model/delivery.ts';

export const terminalSender: ChannelSender = {
  channel: 'terminal',
  async send(delivery): Promise<SendResult> {
    // Agent notices have no terminal surface; agents use the REST API / agent CLI locally.
    return delivery.kind === 'requester_reply' ? { ok: true } : { ok: false, retryable: false, error: 'terminal has no agent surface' };
  },
};
