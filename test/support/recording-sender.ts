/** A ChannelSender that records what would be sent: the stand-in for a platform in core tests. */
import type { Channel } from '../../core/model/messages.ts';
import type { ChannelSender, Delivery, SendContext, SendResult } from '../../core/model/delivery.ts';

export class RecordingSender implements ChannelSender {
  readonly sent: Delivery[] = [];
  /** Results to return before succeeding, e.g. a 429 then success. */
  readonly script: SendResult[] = [];
  private counter = 0;

  constructor(readonly channel: Channel) {}

  async send(delivery: Delivery, context: SendContext): Promise<SendResult> {
    const scripted = this.script.shift();
    if (scripted && !scripted.ok) return scripted;
    this.sent.push(delivery);
    if (delivery.kind === 'agent_notice' && delivery.notice.kind === 'ticket_escalated') {
      await context.setLink(delivery.notice.card.ticketId, `${this.channel}-agents`, `thread-${++this.counter}`);
    }
    return { ok: true, externalRef: String(++this.counter) };
  }

  /** Texts sent to one requester conversation, in order. */
  repliesTo(conversationKey: string): Array<{ text: string; title?: string; buttons?: Array<Array<{ label: string; payload: string }>> }> {
    return this.sent.flatMap((d) => (d.kind === 'requester_reply' && d.conversationKey === conversationKey ? [d.reply] : []));
  }

  notices(): Array<Extract<Delivery, { kind: 'agent_notice' }>['notice']> {
    return this.sent.flatMap((d) => (d.kind === 'agent_notice' ? [d.notice] : []));
  }
}
