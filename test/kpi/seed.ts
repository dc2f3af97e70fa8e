/**
 * A hand-made January 2026 of tickets with known timestamps, written straight into the database. The KPI
 * tests check the report against figures worked out by hand from this table (see kpi-report.test.ts).
 *
 *  #  channel   category  prio line  story
 *  1  telegram  accounts  P3   L1    bot answered in 30s, helped (self-service) after 5m, closed; CSAT 5
 *  2  slack     accounts  P3   L1    bot answered in 60s, helped after 10m
 *  3  telegram  network   P2   L1    bot answered in 20s, not helped -> escalated 10:05, Bob replies 10:20, resolves 12:05; CSAT 4
 *  4  telegram  network   P2   L1    no confident answer -> escalated, Carol replies after 90m (late), resolves late, closed; CSAT 2
 *  5  slack     network   P3   L1    no confident answer -> Carol takes, releases, Bob replies after 40m, resolves next day; CSAT 5
 *  6  telegram  email     P3   L1    asked for a human, Bob replies after 10m, resolved, reopened, waits for the user from
 *                                    01-15 09:00 (before the 10:00 due time), resolved 01-16 10:00; CSAT 3
 *  7  slack     hardware  P2   L2    no confident answer, never answered, raised to L2: open past both due times
 *  8  telegram  hardware  P3   L1    bot answered in 2m, not helped, Carol replies after 20m, waiting for the user (paused)
 *  9  terminal  general   P4   L1    new, 23:59 on the last day
 * 10  terminal  general   P3   L1    cancelled
 * 11  telegram  network   P3   L1    created 2026-02-01 00:00: outside the period, still open (backlog only)
 * 12  slack     accounts  P3   L1    created 2025-12-31 23:59:59: outside the period, closed
 */
import type { Prisma } from '../../core/store/database.ts';

export const JAN = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
export const NOW = new Date('2026-02-10T12:00:00Z');

const t = (iso: string) => new Date(`2026-${iso}:00Z`); // t('01-05T10:00') -> 2026-01-05T10:00:00Z
const s = (iso: string, seconds: number) => new Date(t(iso).getTime() + seconds * 1000);

type EventSeed = [type: string, at: Date, extra?: { actorId?: string; data?: Record<string, unknown> }];

export async function seedKpiTickets(prisma: Prisma): Promise<{ bob: string; carol: string }> {
  const bob = (await prisma.agent.create({ data: { name: 'Bob' } })).id;
  const carol = (await prisma.agent.create({ data: { name: 'Carol' } })).id;
  const requester = await prisma.requester.create({ data: { displayName: 'Alice' } });
  let number = 0;
  const add = async (ticket: Record<string, unknown>, events: EventSeed[] = []) => {
    number += 1;
    const row = await prisma.ticket.create({
      data: { number, subject: `Ticket ${number}`, requesterId: requester.id, conversationId: `c${number}`, status: 'new', channel: 'telegram', ...ticket } as never,
    });
    for (const [type, at, extra] of events) {
      await prisma.ticketEvent.create({
        data: { ticketId: row.id, type, actorKind: extra?.actorId ? 'agent' : 'bot', actorId: extra?.actorId ?? null, data: JSON.stringify(extra?.data ?? {}), createdAt: at },
      });
    }
  };
  const escalated = (at: Date, reason: string): EventSeed => ['escalated', at, { data: { reason, queue: 'x', line: 'L1' } }];
  const assigned = (at: Date, actorId: string): EventSeed => ['assigned', at, { actorId }];

  await add({ category: 'accounts', status: 'closed', articleKey: 'en/password-reset', resolvedBy: 'bot', resolvedAt: t('01-05T10:05'), closedAt: t('01-05T10:06'), csat: 5, createdAt: t('01-05T10:00') },
    [['answered_by_bot', s('01-05T10:00', 30)]]);
  await add({ channel: 'slack', category: 'accounts', status: 'resolved_by_self_service', articleKey: 'en/password-reset', resolvedBy: 'bot', resolvedAt: t('01-06T09:10'), createdAt: t('01-06T09:00') },
    [['answered_by_bot', t('01-06T09:01')]]);
  await add({ category: 'network', priority: 'P2', type: 'incident', status: 'resolved', articleKey: 'en/vpn', assigneeId: bob, resolvedBy: 'agent', csat: 4,
    createdAt: t('01-07T10:00'), escalatedAt: t('01-07T10:05'), firstResponseAt: t('01-07T10:20'), resolvedAt: t('01-07T12:05'), pausedAt: t('01-07T12:05'),
    firstResponseDue: t('01-07T11:05'), resolutionDue: t('01-07T18:05') },
    [['answered_by_bot', s('01-07T10:00', 20)], escalated(t('01-07T10:05'), 'not_helped'), assigned(t('01-07T10:10'), bob)]);
  await add({ subject: 'VPN keeps disconnecting!!', category: 'network', priority: 'P2', type: 'incident', status: 'closed', assigneeId: carol, resolvedBy: 'agent', csat: 2,
    createdAt: t('01-08T08:00'), escalatedAt: t('01-08T08:00'), firstResponseAt: t('01-08T09:30'), resolvedAt: t('01-08T20:00'), closedAt: t('01-09T08:00'), pausedAt: t('01-08T20:00'),
    firstResponseDue: t('01-08T09:00'), resolutionDue: t('01-08T16:00') },
    [escalated(t('01-08T08:00'), 'no_confident_answer'), assigned(t('01-08T08:30'), carol)]);
  await add({ subject: 'vpn  keeps disconnecting', channel: 'slack', category: 'network', type: 'incident', status: 'resolved', assigneeId: bob, resolvedBy: 'agent', csat: 5,
    createdAt: t('01-10T09:00'), escalatedAt: t('01-10T09:00'), firstResponseAt: t('01-10T09:40'), resolvedAt: t('01-11T09:00'), pausedAt: t('01-11T09:00'),
    firstResponseDue: t('01-10T13:00'), resolutionDue: t('01-13T09:00') },
    [escalated(t('01-10T09:00'), 'no_confident_answer'), assigned(t('01-10T09:10'), carol), ['released', t('01-10T09:20'), { actorId: carol }], assigned(t('01-10T09:30'), bob)]);
  await add({ category: 'email', status: 'resolved', assigneeId: bob, resolvedBy: 'agent', csat: 3, reopenCount: 1,
    createdAt: t('01-12T10:00'), escalatedAt: t('01-12T10:00'), firstResponseAt: t('01-12T10:10'), resolvedAt: t('01-16T10:00'), pausedAt: t('01-15T09:00'),
    firstResponseDue: t('01-12T14:00'), resolutionDue: t('01-15T10:00') },
    [escalated(t('01-12T10:00'), 'asked_for_human'), assigned(t('01-12T10:05'), bob), ['reopened', t('01-13T08:00')]]);
  await add({ subject: 'Monitor flickers', channel: 'slack', category: 'hardware', priority: 'P2', type: 'incident', supportLine: 'L2', status: 'escalated',
    createdAt: t('01-20T10:00'), escalatedAt: t('01-20T10:00'), firstResponseDue: t('01-20T11:00'), resolutionDue: t('01-20T18:00') },
    [escalated(t('01-20T10:00'), 'no_confident_answer'), ['raised_line', t('01-20T11:01'), { data: { from: 'L1', to: 'L2' } }]]);
  await add({ category: 'hardware', status: 'waiting_for_user', articleKey: 'en/vpn', assigneeId: carol,
    createdAt: t('01-25T10:00'), escalatedAt: t('01-25T10:10'), firstResponseAt: t('01-25T10:30'), pausedAt: t('01-25T10:30'),
    firstResponseDue: t('01-25T14:10'), resolutionDue: t('01-28T10:10') },
    [['answered_by_bot', t('01-25T10:02')], escalated(t('01-25T10:10'), 'not_helped'), assigned(t('01-25T10:15'), carol)]);
  await add({ channel: 'terminal', category: 'general', priority: 'P4', status: 'new', createdAt: t('01-31T23:59') });
  await add({ channel: 'terminal', category: 'general', status: 'cancelled', createdAt: t('01-15T12:00'), closedAt: t('01-15T12:05') });
  await add({ category: 'network', status: 'escalated', createdAt: new Date('2026-02-01T00:00:00Z'), escalatedAt: new Date('2026-02-01T00:00:00Z') },
    [escalated(new Date('2026-02-01T00:00:00Z'), 'no_confident_answer')]);
  await add({ channel: 'slack', category: 'accounts', status: 'closed', resolvedBy: 'bot', resolvedAt: new Date('2026-01-01T00:10:00Z'), createdAt: new Date('2025-12-31T23:59:59Z') });
  return { bob, carol };
}
