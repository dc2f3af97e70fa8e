/** Bad input through the core: every message is stored, the user gets a clear reply, nothing breaks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

describe.each(providers)('bad input on %s', (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  it('asks for a description when the message is empty, and opens no ticket', async () => {
    await h.send({ from: 'u', text: '   ' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/describe the problem/);
    expect(await h.db.prisma.ticket.count()).toBe(0);
    expect(await h.db.prisma.message.count({ where: { direction: 'in' } })).toBe(1);
  });

  it('stores a 20,000-character message whole and still answers', async () => {
    const text = `Outlook does not sync my mail. ${'<b>&amp; "quotes" 🙂 '.repeat(1000)}`.slice(0, 20_000);
    await h.send({ from: 'u', text });
    const stored = await h.db.prisma.message.findFirstOrThrow({ where: { direction: 'in' } });
    // The cut left half an emoji at the end; it is replaced, everything else is kept exactly.
    expect(stored.text).toBe(text.toWellFormed());
    expect(stored.text.length).toBe(20_000);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    expect(ticket.subject.length).toBeLessThanOrEqual(121);
    expect(h.terminal.repliesTo('u').length).toBeGreaterThanOrEqual(2);
  });

  it('processes a message with NUL characters (PostgreSQL refuses them in text) and keeps the rest', async () => {
    await h.send({ from: 'u', text: 'VPN\u0000 does not connect', sender: { externalUserId: 'u', displayName: 'Ann\u0000' } });
    const event = await h.db.prisma.inboxEvent.findFirstOrThrow();
    expect(event.status).toBe('done');
    const stored = await h.db.prisma.message.findFirstOrThrow({ where: { direction: 'in' } });
    expect(stored.text).toBe('VPN\uFFFD does not connect');
    expect(h.terminal.repliesTo('u').length).toBeGreaterThanOrEqual(2);
    // In the keys too (a conversation key from an API client): stored and processed like any other.
    await h.send({ from: 'v\u0000w', text: 'printer jam' });
    expect((await h.db.prisma.inboxEvent.findMany()).map((e) => e.status)).toEqual(['done', 'done']);
  });

  it('points to /help for an unknown command', async () => {
    await h.send({ from: 'u', text: '/frobnicate now' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/don't know the command \/frobnicate/);
    expect(await h.db.prisma.ticket.count()).toBe(0);
  });

  it('answers stale, malformed and foreign button presses politely without acting', async () => {
    await h.send({ from: 'alice', text: 'printer paper jam on floor 2' });
    const aliceButtons = h.terminal.repliesTo('alice').at(-1)!.buttons!.flat();
    // Another user presses Alice's button (a forged or forwarded payload).
    await h.press('mallory', aliceButtons[0]!.payload);
    expect(h.terminal.repliesTo('mallory').at(-1)!.text).toMatch(/no longer active/);
    await h.press('alice', 'fb:garbage');
    expect(h.terminal.repliesTo('alice').at(-1)!.text).toMatch(/no longer active/);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { requester: { displayName: 'alice' } } });
    expect(ticket.status).toBe('answered_by_bot');
    // Helped, then the same button again: the second press is stale.
    await h.press('alice', aliceButtons[0]!.payload);
    await h.press('alice', aliceButtons[0]!.payload);
    expect(h.terminal.repliesTo('alice').at(-1)!.text).toMatch(/no longer active/);
    const after = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after).toMatchObject({ status: 'resolved_by_self_service', resolvedBy: 'bot' });
  });

  it('hands off when nothing in the knowledge base fits, and says what happens next', async () => {
    await h.send({ from: 'u', text: 'what is on the cafeteria lunch menu this friday' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/couldn't find an answer.*FL-00001 went to an engineer/);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    expect(ticket.status).toBe('escalated');
    const conversation = await h.db.prisma.conversation.findFirstOrThrow();
    expect(conversation.owner).toBe('queue');
  });

  it('sends urgent requests straight to a person, in Russian for a Russian user', async () => {
    await h.send({ from: 'u', text: 'Срочно! Не работает почта у всего отдела, никто не может отправить письма' });
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    expect(ticket.priority).toBe('P1');
    expect(ticket.status).toBe('escalated');
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/срочно.*FL-00001/i);
  });

  it('keeps an inbound message stored and visible when processing fails, and tells the user', async () => {
    // Processing fails every time (a bug or an outage behind the knowledge engine).
    const original = h.core.deps.kb.classify.bind(h.core.deps.kb);
    let failures = 0;
    h.core.deps.kb.classify = () => {
      failures++;
      throw new Error('simulated failure');
    };
    try {
      await h.core.intake.accept({
        kind: 'requester',
        message: { channel: 'terminal', externalId: 'x1', conversationKey: 'u', sender: { externalUserId: 'u', languageCode: 'en' }, text: 'wifi is slow', receivedAt: h.clock.now() },
      });
      for (let i = 0; i < 8 && failures < 5; i++) {
        await h.core.inbox.idle().catch(() => {});
        h.clock.advance(120_000); // past the back-off
      }
    } finally {
      h.core.deps.kb.classify = original;
    }
    await h.settle();
    const event = await h.db.prisma.inboxEvent.findFirstOrThrow({ where: { externalId: 'x1' } });
    expect(failures).toBe(5);
    expect(event.status).toBe('failed');
    expect(event.lastError).toMatch(/simulated failure/);
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/went wrong.*saved/);
    // The next message works normally.
    await h.send({ from: 'u', text: 'wifi is slow in the meeting room' });
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });
});
