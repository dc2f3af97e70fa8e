/** Concurrent intake: distinct ticket numbers under load, and one stored message per delivery. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../support/databases.ts';
import { createHarness, TickingClock, type Harness } from '../support/harness.ts';
import type { InboundMessage } from '../../core/model/messages.ts';

describe.each(providers)('concurrency on %s', (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  it('gives 50 concurrent first messages from 50 users 50 distinct ticket numbers', async () => {
    const users = Array.from({ length: 50 }, (_, i) => `user-${i}`);
    // Process while messages are still arriving, like a real burst.
    h.core.inbox.start();
    await Promise.all(
      users.map((user, i) =>
        h.core.intake.accept({
          kind: 'requester',
          message: {
            channel: 'telegram',
            externalId: `m:${user}:1`,
            conversationKey: user,
            sender: { externalUserId: String(2 ** 52 - i) },
            text: i % 2 ? 'VPN does not connect from home' : 'не работает принтер на третьем этаже',
            receivedAt: h.clock.now(),
          },
        }),
      ),
    );
    await h.settle();
    const tickets = await h.db.prisma.ticket.findMany({ select: { number: true, requesterId: true } });
    expect(tickets).toHaveLength(50);
    expect(new Set(tickets.map((t) => t.number)).size).toBe(50);
    expect(new Set(tickets.map((t) => t.requesterId)).size).toBe(50);
    expect(Math.max(...tickets.map((t) => t.number))).toBe(50);
    // 52-bit ids round-trip exactly as text.
    const identity = await h.db.prisma.identity.findUnique({ where: { channel_externalUserId: { channel: 'telegram', externalUserId: String(2 ** 52) } } });
    expect(identity?.externalUserId).toBe('4503599627370496');
    for (const user of users) expect(h.telegram.repliesTo(user).length).toBeGreaterThanOrEqual(2);
  });

  it('stores one message for 50 concurrent copies of one delivery', async () => {
    const message: InboundMessage = {
      channel: 'slack',
      externalId: 'Ev0001',
      conversationKey: 'D123',
      sender: { externalUserId: 'U1' },
      text: 'Outlook is not syncing',
      receivedAt: h.clock.now(),
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => h.core.intake.accept({ kind: 'requester', message })));
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(49);
    expect(new Set(results.map((r) => r.inboxId)).size).toBe(1);
    await h.settle();
    expect(await h.db.prisma.inboxEvent.count()).toBe(1);
    expect(await h.db.prisma.message.count({ where: { direction: 'in' } })).toBe(1);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });

  it('keeps one requester and one conversation for 50 simultaneous messages from one user', async () => {
    await h.close();
    h = await createHarness(provider, { clock: new TickingClock() });
    h.core.inbox.start();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.core.intake.accept({
          kind: 'requester',
          message: { channel: 'telegram', externalId: `m:7:${i}`, conversationKey: '7', sender: { externalUserId: '7' }, text: `message ${i} about wifi`, receivedAt: h.clock.now() },
        }),
      ),
    );
    await h.settle();
    expect(await h.db.prisma.requester.count()).toBe(1);
    expect(await h.db.prisma.conversation.count()).toBe(1);
    const inbound = await h.db.prisma.message.findMany({ where: { direction: 'in' }, orderBy: { createdAt: 'asc' } });
    expect(inbound).toHaveLength(50);
    // Processed one at a time in arrival (inbox) order.
    const events = await h.db.prisma.inboxEvent.findMany({ select: { id: true, processedAt: true, status: true } });
    expect(events.every((e) => e.status === 'done')).toBe(true);
    const byArrival = [...events].sort((a, b) => a.id - b.id).map((e) => e.id);
    const byProcessing = [...events].sort((a, b) => a.processedAt!.getTime() - b.processedAt!.getTime()).map((e) => e.id);
    expect(byProcessing).toEqual(byArrival);
  });
});
