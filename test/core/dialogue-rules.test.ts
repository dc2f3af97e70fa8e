/** Dialogue rules beyond the happy path: reopen window, commands, Russian with typos, out of hours. */
import { afterEach, describe, expect, it } from 'vitest';
import { providers } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createSlaPort, parseSlaConfig, DEFAULT_SLA_CONFIG } from '../../core/sla/index.ts';

const HOUR = 3600_000;

describe.each(providers)('dialogue rules on %s', (provider) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function escalatedAndResolved(from: string): Promise<string> {
    await h.send({ from, text: 'talk to a person please' });
    const ticket = await h.db.prisma.ticket.findFirstOrThrow({ orderBy: { number: 'desc' } });
    await h.agent({ agent: { externalUserId: 'U-AG', displayName: 'Ann' }, ticket: { ticketId: ticket.id }, action: { type: 'take' } });
    await h.agent({ agent: { externalUserId: 'U-AG' }, ticket: { ticketId: ticket.id }, action: { type: 'resolve', text: 'Done.' } });
    return ticket.id;
  }

  it('reopens an agent-resolved ticket within the window, but not for a bare thanks', async () => {
    h = await createHarness(provider);
    const id = await escalatedAndResolved('u');
    await h.send({ from: 'u', text: 'спасибо!' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/Пожалуйста/);
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');

    h.clock.advance(2 * HOUR);
    await h.send({ from: 'u', text: 'it broke again after the reboot' });
    const reopened = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null });
    const conversation = await h.db.prisma.conversation.findFirstOrThrow();
    expect(conversation).toMatchObject({ owner: 'agent', activeTicketId: id });
    expect(h.slack.notices().at(-1)).toMatchObject({ kind: 'requester_message', text: 'it broke again after the reboot' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/FL-00001 is reopened/);
    const events = await h.db.prisma.ticketEvent.findMany({ where: { ticketId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.slice(-2).map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['reopened', 'resolved', 'in_progress'],
      ['requester_message', null, null],
    ]);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });

  it('opens a new ticket for a message after the reopen window', async () => {
    h = await createHarness(provider);
    const id = await escalatedAndResolved('u');
    h.clock.advance(73 * HOUR);
    await h.send({ from: 'u', text: 'my monitor flickers when docked' });
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');
    expect(await h.db.prisma.ticket.count()).toBe(2);
  });

  it('starts a new ticket after /new even within the reopen window', async () => {
    h = await createHarness(provider);
    const id = await escalatedAndResolved('u');
    await h.send({ from: 'u', text: '/new' });
    await h.send({ from: 'u', text: 'my monitor flickers when docked' });
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');
    expect(await h.db.prisma.ticket.count()).toBe(2);
    // A follow-up to the new request is not taken for the old ticket either.
    await h.send({ from: 'u', text: 'it still flickers after replugging the cable' });
    expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');
    expect((await h.db.prisma.conversation.findFirstOrThrow()).owner).not.toBe('agent');
  });

  it('lets the requester cancel a ticket still waiting in the queue, and tells the agents', async () => {
    h = await createHarness(provider);
    await h.send({ from: 'u', text: 'talk to a person please' });
    await h.send({ from: 'u', text: '/cancel' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/FL-00001 is cancelled/);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    expect(ticket.status).toBe('cancelled');
    expect((await h.db.prisma.conversation.findFirstOrThrow()).owner).toBe('bot');
    expect(h.slack.notices().at(-1)).toMatchObject({ kind: 'ticket_updated', change: 'cancelled by the requester' });
  });

  it('survives a requester answering 26 days later (paused time beyond 32-bit milliseconds)', async () => {
    h = await createHarness(provider);
    await h.send({ from: 'u', text: 'talk to a person please' });
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    await h.agent({ agent: { externalUserId: 'U-AG', displayName: 'Ann' }, ticket: { ticketId: ticket.id }, action: { type: 'reply', text: 'Can you send a screenshot?' } });
    h.clock.advance(26 * 24 * HOUR);
    await h.send({ from: 'u', text: 'sorry, I was on holiday, here it is' });
    const after = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe('in_progress');
    expect(after.pausedMs).toBeGreaterThanOrEqual(26 * 24 * HOUR);
    expect(await h.db.prisma.inboxEvent.count({ where: { status: { not: 'done' } } })).toBe(0);
  });

  it('lists tickets, cancels the current request, and refuses to cancel one with an engineer', async () => {
    h = await createHarness(provider);
    await h.send({ from: 'u', text: 'printer paper jam' });
    await h.send({ from: 'u', text: '/cancel' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/FL-00001 is cancelled/);
    await h.send({ from: 'u', text: '/cancel' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/no open request/);
    await escalatedAndResolved('u');
    await h.send({ from: 'u', text: '/tickets' });
    const list = h.terminal.repliesTo('u').at(-1)!.text;
    expect(list).toMatch(/FL-00001 - cancelled - printer paper jam/);
    expect(list).toMatch(/FL-00002 - resolved/);
    const events = await h.db.prisma.ticketEvent.findMany({ where: { ticket: { number: 1 } }, orderBy: { createdAt: 'asc' } });
    expect(events.at(-1)).toMatchObject({ type: 'cancelled', fromStatus: 'answered_by_bot', toStatus: 'cancelled', actorKind: 'requester' });
  });

  it('answers in Russian, with typos, and resolves by a typed "помогло"', async () => {
    h = await createHarness(provider);
    await h.send({ from: 'ivan', text: 'забыл парол от учетки, не могу войти', sender: { externalUserId: 'ivan', languageCode: 'ru' } });
    const replies = h.terminal.repliesTo('ivan');
    expect(replies[0]!.text).toMatch(/Здравствуйте/);
    expect(replies[1]!.text).toMatch(/Заявка FL-00001/);
    expect(replies[1]!.buttons!.flat().map((b) => b.label)).toEqual(['Помогло', 'Не помогло', 'Связаться с человеком']);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    expect(ticket).toMatchObject({ language: 'ru', articleKey: 'ru/password-reset', category: 'accounts' });
    await h.send({ from: 'ivan', text: 'помогло' });
    expect((await h.db.prisma.ticket.findFirstOrThrow()).status).toBe('resolved_by_self_service');
  });

  it('answers Russian typed on the English keyboard layout in Russian', async () => {
    h = await createHarness(provider);
    await h.send({ from: 'olga', text: 'pf,sk gfhjkm' }); // "забыл пароль"
    const replies = h.terminal.repliesTo('olga');
    expect(replies[0]!.text).toMatch(/Здравствуйте/);
    expect(replies[1]!.text).toMatch(/Заявка FL-00001/);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    // The ticket keeps what the user typed; the answer is the Russian article.
    expect(ticket).toMatchObject({ language: 'ru', articleKey: 'ru/password-reset' });
    const first = await h.db.prisma.message.findFirstOrThrow({ where: { direction: 'in' }, orderBy: { createdAt: 'asc' } });
    expect(first.text).toBe('pf,sk gfhjkm');
    // "не помогло", typed on the same layout, is feedback, not a new question for search.
    await h.send({ from: 'olga', text: 'yt gjvjukj' });
    expect((await h.db.prisma.ticket.findFirstOrThrow()).status).toBe('escalated');
  });

  it('answers Russian written in Latin letters in Russian', async () => {
    h = await createHarness(provider);
    await h.send({ from: 'pavel', text: 'zabyl parol ot uchetki' }); // "забыл пароль от учетки"
    const replies = h.terminal.repliesTo('pavel');
    expect(replies[0]!.text).toMatch(/Здравствуйте/);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    expect(ticket).toMatchObject({ language: 'ru', articleKey: 'ru/password-reset' });
    // "не помогло", written the same way, is feedback.
    await h.send({ from: 'pavel', text: 'ne pomoglo' });
    expect((await h.db.prisma.ticket.findFirstOrThrow()).status).toBe('escalated');
  });

  it('keeps a short English message in English', async () => {
    h = await createHarness(provider);
    await h.send({ from: 'tom', text: 'I forgot my password' });
    await h.send({ from: 'tom', text: 'here' }); // swapped, it would be the Russian word "руку"
    expect(h.terminal.repliesTo('tom').at(-1)!.text).not.toMatch(/[а-яё]/i);
    expect((await h.db.prisma.conversation.findFirstOrThrow()).language).toBe('en');
  });

  it('tells the user when a person will reply, out of business hours', async () => {
    const config = parseSlaConfig({ ...DEFAULT_SLA_CONFIG, defaultCalendar: 'business', priorities: { ...DEFAULT_SLA_CONFIG.priorities, P1: { firstResponse: '15m', resolution: '4h' } } });
    const clockHolder: { now(): Date } = { now: () => new Date() };
    h = await createHarness(provider, { sla: createSlaPort(config, clockHolder) });
    clockHolder.now = () => h.clock.now();
    // Friday 2026-03-06 20:00 Moscow (17:00 UTC): next working start is Monday 09:00 Moscow.
    h.clock.set(new Date('2026-03-06T17:00:00Z'));
    await h.send({ from: 'u', text: 'I need to talk to a person about my access' });
    expect(h.terminal.repliesTo('u').at(-1)!.text).toMatch(/next person is available .*Monday.*09:00/);
    const ticket = await h.db.prisma.ticket.findFirstOrThrow();
    // First-response targets in business time from Monday 09:00 Moscow (06:00 UTC), 9 working hours a day;
    // "1d" is 24 working hours (core/sla/duration.ts): Mon 9h + Tue 9h + Wed 6h -> Wednesday 15:00 Moscow.
    const expected: Record<string, string> = {
      P2: '2026-03-09T07:00:00.000Z',
      P3: '2026-03-09T10:00:00.000Z',
      P4: '2026-03-11T12:00:00.000Z',
    };
    expect(ticket.firstResponseDue?.toISOString()).toBe(expected[ticket.priority]);
  });
});
