/**
 * Outbox delivery against a flaky platform: a share of sends fail (refused with a retry, or sent but the
 * answer lost). Every reply is delivered, and each chat receives its replies in order (a send repeated
 * after a lost answer shows up as an immediate repeat, never out of order).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../core/outbox/worker.ts';
import { silentLogger } from '../../core/log.ts';
import { systemClock } from '../../core/clock.ts';
import type { ChannelSender, Delivery, SendResult } from '../../core/model/delivery.ts';
import { createTestDatabase, providers, type TestDatabase } from '../support/databases.ts';
import { rng } from '../../bench/corpus.ts';

class FlakySender implements ChannelSender {
  readonly channel = 'telegram' as const;
  readonly received = new Map<string, number[]>();
  private readonly random = rng(11);
  inFlight = 0;
  maxInFlightPerChat = 0;
  private readonly busy = new Set<string>();

  async send(delivery: Delivery): Promise<SendResult> {
    if (delivery.kind !== 'requester_reply') return { ok: true };
    const chat = delivery.conversationKey;
    if (this.busy.has(chat)) this.maxInFlightPerChat = 2;
    this.busy.add(chat);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * 3)));
    this.busy.delete(chat);
    const roll = this.random();
    if (roll < 0.15) return { ok: false, retryable: true, retryAfterMs: 5, error: '500 Internal Server Error' };
    const seq = Number(delivery.reply.text);
    const list = this.received.get(chat) ?? [];
    list.push(seq);
    this.received.set(chat, list);
    if (roll < 0.25) return { ok: false, retryable: true, retryAfterMs: 5, error: '502 after sending' };
    return { ok: true };
  }
}

describe.each(providers)('outbox with failing sends (%s)', (provider) => {
  let db: TestDatabase;
  afterEach(async () => {
    await db?.destroy();
  });

  it('delivers every reply, in order per chat', { timeout: 60_000 }, async () => {
    db = await createTestDatabase(provider);
    const chats = 20;
    const perChat = 15;
    const now = new Date();
    const rows = [];
    for (let seq = 0; seq < perChat; seq++) {
      for (let chat = 0; chat < chats; chat++) {
        const delivery: Delivery = { kind: 'requester_reply', conversationKey: `c${chat}`, reply: { text: String(seq) } };
        rows.push({ channel: 'telegram', orderKey: `telegram:c${chat}`, payload: JSON.stringify(delivery), nextAttemptAt: now, createdAt: now });
      }
    }
    await db.prisma.outboxMessage.createMany({ data: rows });
    const sender = new FlakySender();
    const worker = new OutboxWorker(db, [sender], systemClock, silentLogger, {
      instanceId: 'test', concurrency: 8, maxAttempts: 50, lockMs: 60_000, pollIntervalMs: 10, batchSize: 200,
    });
    worker.start();
    const deadline = Date.now() + 45_000;
    while ((await db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })) > 0) {
      if (Date.now() > deadline) throw new Error('outbox did not drain');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.stop();
    expect(sender.maxInFlightPerChat).toBe(0); // one send per chat at a time
    for (let chat = 0; chat < chats; chat++) {
      const got = sender.received.get(`c${chat}`) ?? [];
      const distinct = got.filter((seq, i) => i === 0 || got[i - 1] !== seq);
      expect(distinct).toEqual(Array.from({ length: perChat }, (_, i) => i));
    }
    expect(await db.prisma.outboxMessage.count({ where: { status: 'dead' } })).toBe(0);
  });
});
