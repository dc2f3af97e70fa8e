/** With the database unreachable the HTTP surface answers clearly (503, JSON) and the process keeps running. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bots/http/app.ts';
import { createMetricsRegistry } from '../../bots/http/metrics.ts';
import { createFrontline } from '../../core/frontline.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { noSla } from '../../core/model/sla-port.ts';
import { openDatabase, type Database } from '../../core/store/database.ts';
import { shippedKnowledge } from '../support/harness.ts';

describe('database down', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    // Nothing listens on port 1: every query fails to connect, like a database that is down.
    db = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:1/frontline', migrate: false, poolSize: 1 });
    const core = createFrontline({ db, kb: shippedKnowledge(), sla: noSla, clock: new ManualClock(), log: silentLogger, senders: [], agentSurfaces: [] });
    app = createApp({ db, core, log: silentLogger, metrics: createMetricsRegistry(db.prisma), apiToken: undefined, ticketPrefix: 'FL', knowledgeArticles: () => 76 });
  });
  afterAll(async () => {
    await db.close().catch(() => {});
  });

  it('reports unhealthy and refuses to accept messages it cannot store', async () => {
    const health = await request(app).get('/healthz').expect(503);
    expect(health.body).toMatchObject({ status: 'unavailable', database: 'postgres' });
    const intake = await request(app).post('/api/terminal/messages').send({ user: 'u', id: '1', text: 'vpn is down' });
    expect(intake.status).toBe(503);
    expect(intake.body.error.code).toBe('storage_unavailable');
    // Still serving: the next request gets the same clear answer.
    await request(app).get('/healthz').expect(503);
  });
});
