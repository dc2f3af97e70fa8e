/**
 * A whole conversation through the core, on every configured database: question -> article -> didn't
 * help -> escalated -> agent takes -> two-way relay -> resolved -> CSAT, then the ticket's audit trail.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

describe.each(providers)('full conversation on %s', (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  it('walks from question to CSAT and records every step', async () => {
    await h.send({ from: 'alice', text: 'I forgot my password and cannot log in to my computer' });
    const first = h.terminal.repliesTo('alice');
    expect(first[0]!.text).toMatch(/help desk assistant/);
    const answer = first[1]!;
    expect(answer.title).toMatch(/password/i);
    expect(answer.text).toMatch(/Ticket FL-00001/);
    const notHelped = answer.buttons!.flat().find((b) => b.label === "Didn't help")!;

    await h.press('alice', notHelped.payload);
    expect(h.terminal.repliesTo('alice').at(-1)!.text).toMatch(/passed ticket FL-00001 to an engineer/);
    const escalation = h.slack.notices().find((n) => n.kind === 'ticket_escalated')!;
    expect(escalation.card.number).toBe('FL-00001');
    expect(escalation.card.triedArticle?.key).toBe('en/password-reset');
    expect(escalation.card.transcript.some((line) => line.text.includes('forgot my password'))).toBe(true);

    const ticketId = escalation.card.ticketId;
    await h.agent({ agent: { externalUserId: 'U-BOB', displayName: 'Bob' }, ticket: { ticketId }, action: { type: 'take' } });
    expect(h.terminal.repliesTo('alice').at(-1)!.text).toMatch(/Bob from the help desk has taken ticket FL-00001/);

    await h.agent({ agent: { externalUserId: 'U-BOB' }, ticket: { ticketId }, action: { type: 'reply', text: 'Are you in the office or remote?' } });
    expect(h.terminal.repliesTo('alice').at(-1)!.text).toBe('Are you in the office or remote?');
    await h.agent({ agent: { externalUserId: 'U-BOB' }, ticket: { ticketId }, action: { type: 'note', text: 'probably an AD lockout' } });

    const repliesBefore = h.terminal.repliesTo('alice').length;
    await h.send({ from: 'alice', text: 'Remote, at home' });
    // The bot stays silent while a human owns the chat; the message is relayed to the agents.
    expect(h.terminal.repliesTo('alice')).toHaveLength(repliesBefore);
    const relayed = h.slack.notices().filter((n) => n.kind === 'requester_message');
    expect(relayed.at(-1)).toMatchObject({ kind: 'requester_message', text: 'Remote, at home' });
    expect(h.telegram.notices().filter((n) => n.kind === 'requester_message')).toHaveLength(1);

    await h.agent({ agent: { externalUserId: 'U-BOB' }, ticket: { ticketId }, action: { type: 'resolve', text: 'Unlocked your account, try again.' } });
    const afterResolve = h.terminal.repliesTo('alice');
    expect(afterResolve.at(-3)!.text).toBe('Unlocked your account, try again.');
    expect(afterResolve.at(-2)!.text).toMatch(/FL-00001 has been resolved/);
    const csat = afterResolve.at(-1)!;
    expect(csat.buttons!.flat().map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);

    await h.press('alice', csat.buttons!.flat()[4]!.payload);
    expect(h.terminal.repliesTo('alice').at(-1)!.text).toMatch(/5\/5/);
    // A repeated rating is thanked but not stored again.
    await h.press('alice', csat.buttons!.flat()[0]!.payload);
    expect(h.terminal.repliesTo('alice').at(-1)!.text).toMatch(/already rated/);

    const ticket = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { events: { orderBy: { createdAt: 'asc' } } } });
    expect(ticket).toMatchObject({ status: 'resolved', resolvedBy: 'agent', csat: 5, articleKey: 'en/password-reset' });
    expect(ticket.firstResponseAt).not.toBeNull();
    const trail = ticket.events.map((e) => [e.type, e.actorKind, e.fromStatus, e.toStatus]);
    expect(trail).toEqual([
      ['created', 'requester', null, 'new'],
      ['classified', 'bot', null, null],
      ['answered_by_bot', 'bot', 'new', 'answered_by_bot'],
      ['feedback', 'requester', null, null],
      ['escalated', 'requester', 'answered_by_bot', 'escalated'],
      ['assigned', 'agent', 'escalated', 'assigned'],
      ['agent_message', 'agent', null, null],
      ['status_changed', 'agent', 'assigned', 'waiting_for_user'],
      ['internal_note', 'agent', null, null],
      ['requester_message', 'requester', null, null],
      ['status_changed', 'requester', 'waiting_for_user', 'in_progress'],
      ['agent_message', 'agent', null, null],
      ['status_changed', 'agent', 'in_progress', 'waiting_for_user'],
      ['resolved', 'agent', 'waiting_for_user', 'resolved'],
      ['csat', 'requester', null, null],
    ]);
    // The internal note never reached the requester.
    expect(h.terminal.repliesTo('alice').some((r) => r.text.includes('AD lockout'))).toBe(false);
    const transcript = await h.db.prisma.message.findMany({ where: { ticketId }, orderBy: { createdAt: 'asc' } });
    // The requester and the conversation date from the first message's turn, on the injected clock.
    const conversation = await h.db.prisma.conversation.findUniqueOrThrow({ where: { id: transcript[0]!.conversationId } });
    const requester = await h.db.prisma.requester.findUniqueOrThrow({ where: { id: conversation.requesterId } });
    expect(conversation.createdAt).toEqual(transcript[0]!.createdAt);
    expect(requester.createdAt).toEqual(transcript[0]!.createdAt);
    expect(transcript.filter((m) => m.internal).map((m) => m.text)).toEqual(['probably an AD lockout']);
  });
});
