/** The KPI REST endpoints through supertest, mounted the way the HTTP app mounts them (under /api). */
import express from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { kpiRouter } from '../../core/kpi/http.ts';
import { providers, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { NOW, seedKpiTickets } from './seed.ts';

describe.each(providers)('KPI endpoints on %s', (provider) => {
  let db: TestDatabase;
  let app: express.Express;
  beforeEach(async () => {
    db = await createTestDatabase(provider);
    await seedKpiTickets(db.prisma);
    app = express();
    app.use('/api', kpiRouter({ prisma: db.prisma, clock: new ManualClock(NOW) }));
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('GET /api/kpi returns the report for the period and filters', async () => {
    const res = await request(app).get('/api/kpi').query({ from: '2026-01-01', to: '2026-02-01', channel: 'slack' }).expect(200);
    expect(res.body.filters).toEqual({ channel: 'slack' });
    expect(res.body.volume.total).toBe(3); // #2 #5 #7
    expect(res.body.generatedAt).toBe(NOW.toISOString());
    expect(res.body.sla.firstResponse).toEqual({ met: 1, breached: 1, pending: 0, rate: 0.5 }); // #5 met, #7 open past due
  });

  it('rejects bad dates, inverted periods, unknown channels and arrays with 400 validation_failed', async () => {
    const cases: Array<[Record<string, string | string[]>, RegExp]> = [
      [{ from: 'yesterday', to: '2026-02-01' }, /"from" must be a date/],
      [{ from: '2026-02-30', to: '2026-03-01' }, /"from" must be a date/],
      [{ to: '2026-02-01' }, /"from" is required/],
      [{ from: '2026-02-01', to: '2026-01-01' }, /"to" must be later than "from"/],
      [{ from: '2026-01-01', to: '2026-02-01', channel: 'fax' }, /"channel"/],
      [{ from: ['2026-01-01', '2026-01-02'], to: '2026-02-01' }, /"from"/],
    ];
    for (const [query, message] of cases) {
      const res = await request(app).get('/api/kpi').query(query).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('GET /api/kpi/recurring and /api/kpi/gaps', async () => {
    const recurring = await request(app).get('/api/kpi/recurring?from=2026-01-01&to=2026-02-01&limit=2').expect(200);
    expect(recurring.body.categories.byVolume.map((r: { key: string }) => r.key)).toEqual(['network', 'accounts']);
    const gaps = await request(app).get('/api/kpi/gaps?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00%2B00:00').expect(200);
    expect(gaps.body.total).toBe(3);
    const bad = await request(app).get('/api/kpi/gaps?from=2026-01-01&to=2026-02-01&limit=0').expect(400);
    expect(bad.body.error).toEqual({ code: 'validation_failed', message: '"limit" must be a whole number from 1 to 200' });
    await request(app).get('/api/kpi/recurring?from=2026-01-01').expect(400);
  });
});
