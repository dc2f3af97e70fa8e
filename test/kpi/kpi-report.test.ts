/**
 * The KPI report over the seeded January (test/kpi/seed.ts), against figures worked out by hand from the
 * seed table; the arithmetic is in the comments so a failure can be checked without the code.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeKpis } from '../../core/kpi/compute-kpis.ts';
import { knowledgeGaps, recurringProblems } from '../../core/kpi/recurring.ts';
import { providers, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { JAN, NOW, seedKpiTickets } from './seed.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe.each(providers)('KPI report on %s', (provider) => {
  let db: TestDatabase;
  let agents: { bob: string; carol: string };
  beforeEach(async () => {
    db = await createTestDatabase(provider);
    agents = await seedKpiTickets(db.prisma);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('matches the hand-computed figures for January', async () => {
    const r = await computeKpis(db.prisma, JAN, NOW);
    expect(r.volume).toEqual({
      total: 10, // #1-#10; #11 is created at the exclusive end, #12 before the start
      byChannel: { slack: 3, telegram: 5, terminal: 2 },
      byCategory: { accounts: 2, email: 1, general: 2, hardware: 2, network: 3 },
      byQueue: { L1: 9, L2: 1 },
      byType: { incident: 4, service_request: 6 },
      byPriority: { P2: 3, P3: 6, P4: 1 },
    });
    expect(r.selfServiceDeflection).toEqual({ count: 2, of: 10, rate: 0.2 }); // #1, #2
    // Resolved: #1 #2 (bot), #3 #4 #5 #6 (agents). Not first contact: #5 (released, two agents), #6 (reopened).
    expect(r.firstContactResolution).toEqual({
      count: 4, of: 6, rate: 0.6667,
      bot: { count: 2, of: 2, rate: 1 },
      agent: { count: 2, of: 4, rate: 0.5 },
    });
    // Bot first answers 20s 30s 60s 120s: median = rank ceil(0.5*4)=2 -> 30s; p90 = rank ceil(0.9*4)=4 -> 120s.
    expect(r.firstResponseTime.bot).toEqual({ count: 4, medianMs: 30 * S, p90Ms: 120 * S });
    // Human first responses 10m (#6) 15m (#3) 20m (#8) 40m (#5) 90m (#4): median rank 3 -> 20m; p90 rank 5 -> 90m.
    expect(r.firstResponseTime.human).toEqual({ count: 5, medianMs: 20 * M, p90Ms: 90 * M });
    // Bot resolutions 5m, 10m; human 2h05m (#3), 12h (#4), 24h (#5), 96h (#6).
    expect(r.mttr.bot).toEqual({ count: 2, medianMs: 5 * M, p90Ms: 10 * M });
    expect(r.mttr.human).toEqual({ count: 4, medianMs: 12 * H, p90Ms: 96 * H });
    // First response: met #3 #5 #6 #8; breached #4 (late reply), #7 (open past due).
    expect(r.sla.firstResponse).toEqual({ met: 4, breached: 2, pending: 0, rate: 0.6667 });
    // Resolution: met #3 #5, and #6 (resolved after the due time, but its clock stopped when it started
    // waiting for the user before it); breached #4, #7; pending #8 (paused before its due time).
    expect(r.sla.resolution).toEqual({ met: 3, breached: 2, pending: 1, rate: 0.6 });
    // 5 + 4 + 2 + 5 + 3 = 19 over 5 ratings.
    expect(r.csat).toEqual({ average: 3.8, count: 5, distribution: { '1': 0, '2': 1, '3': 1, '4': 1, '5': 2 } });
    expect(r.escalationRate).toEqual({ count: 6, of: 10, rate: 0.6 }); // #3-#8
  });

  it('backlog is every open ticket now, whatever its creation date', async () => {
    const { backlog } = await computeKpis(db.prisma, JAN, NOW);
    // #7 (21d 2h old), #8 (16d 2h), #9 (9d 12h 1m), #11 (9d 12h): median rank 2 -> #9; p90 rank 4 -> #7.
    expect(backlog).toEqual({
      open: 4,
      byStatus: { escalated: 2, new: 1, waiting_for_user: 1 },
      age: { count: 4, medianMs: 9 * 24 * H + 12 * H + M, p90Ms: 21 * 24 * H + 2 * H },
    });
  });

  it('breaks down by agent: current assignee, resolutions, median first response, CSAT', async () => {
    const { agents: rows } = await computeKpis(db.prisma, JAN, NOW);
    expect(rows).toEqual([
      // Bob: #3 #5 #6, first responses 15m 40m 10m -> median 15m; CSAT 4 5 3.
      { agentId: agents.bob, name: 'Bob', tickets: 3, resolved: 3, firstResponse: { count: 3, medianMs: 15 * M, p90Ms: 40 * M }, csat: { average: 4, count: 3 } },
      // Carol: #4 (resolved), #8 (waiting); first responses 90m 20m -> median rank 1 -> 20m.
      { agentId: agents.carol, name: 'Carol', tickets: 2, resolved: 1, firstResponse: { count: 2, medianMs: 20 * M, p90Ms: 90 * M }, csat: { average: 2, count: 1 } },
    ]);
  });

  it('filters by channel and by agent', async () => {
    const telegram = await computeKpis(db.prisma, { ...JAN, channel: 'telegram' }, NOW);
    expect(telegram.volume.total).toBe(5); // #1 #3 #4 #6 #8
    expect(telegram.selfServiceDeflection).toEqual({ count: 1, of: 5, rate: 0.2 });
    expect(telegram.backlog.open).toBe(2); // #8 and #11
    expect(telegram.filters).toEqual({ channel: 'telegram' });
    const bob = await computeKpis(db.prisma, { ...JAN, agentId: agents.bob }, NOW);
    expect(bob.volume.total).toBe(3);
    expect(bob.firstContactResolution).toMatchObject({ count: 1, of: 3 }); // only #3
    const l2 = await computeKpis(db.prisma, { ...JAN, queue: 'L2' }, NOW);
    expect(l2.volume.byCategory).toEqual({ hardware: 1 });
  });

  it('ranks recurring categories and articles, and groups knowledge gaps by normalised question', async () => {
    const recurring = await recurringProblems(db.prisma, JAN);
    expect(recurring.categories.byVolume.map((r) => [r.key, r.tickets, r.escalated])).toEqual([
      ['network', 3, 3], ['accounts', 2, 0], ['general', 2, 0], ['hardware', 2, 2], ['email', 1, 1],
    ]);
    expect(recurring.categories.byEscalations.map((r) => r.key)).toEqual(['network', 'hardware', 'email']);
    expect(recurring.articles.byVolume).toEqual([
      { key: 'en/password-reset', tickets: 2, escalated: 0, escalationRate: 0 },
      { key: 'en/vpn', tickets: 2, escalated: 2, escalationRate: 1 },
    ]);
    expect(recurring.articles.byEscalations.map((r) => r.key)).toEqual(['en/vpn']);

    const gaps = await knowledgeGaps(db.prisma, JAN);
    // #4 and #5 are the same question written differently; #11 (February) is outside the period.
    expect(gaps).toEqual({
      period: { from: JAN.from.toISOString(), to: JAN.to.toISOString() },
      total: 3,
      gaps: [
        { question: 'vpn keeps disconnecting', count: 2, example: 'VPN keeps disconnecting!!', lastAt: '2026-01-10T09:00:00.000Z' },
        { question: 'monitor flickers', count: 1, example: 'Monitor flickers', lastAt: '2026-01-20T10:00:00.000Z' },
      ],
    });
  });

  it('an empty period reports zeros and nulls, not NaN', async () => {
    const r = await computeKpis(db.prisma, { from: new Date('2030-01-01Z'), to: new Date('2030-02-01Z') }, NOW);
    expect(r.volume.total).toBe(0);
    expect(r.selfServiceDeflection).toEqual({ count: 0, of: 0, rate: null });
    expect(r.firstResponseTime.human).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(r.csat.average).toBeNull();
  });
});
