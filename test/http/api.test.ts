/** The REST API in-process (supertest): auth, validation, ticket history, agent actions, one owner. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createApp } from '../../bots/http/app.ts';
import { createMetricsRegistry } from '../../bots/http/metrics.ts';
import { silentLogger } from '../../core/log.ts';

const TOKEN = 'test-token-0123456789';

describe.each(providers)('REST API on %s', (provider) => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeEach(async () => {
    h = await createHarness(provider);
    app = createApp({ db: h.db, core: h.core, log: silentLogger, metrics: createMetricsRegistry(h.db.prisma), apiToken: TOKEN, ticketPrefix: 'FL', knowledgeArticles: () => 76 });
    await h.send({ from: 'carol', text: 'the coffee machine is haunted and I would like a person to look at it' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('serves health and Prometheus metrics', async () => {
    const health = await request(app).get('/healthz').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', database: provider, knowledgeArticles: 76 });
    await request(app).get('/metrics').expect(401);
    const metrics = await request(app).get('/metrics').set(auth).expect(200);
    expect(metrics.text).toMatch(/frontline_inbox_events\{status="done"\} 1/);
    expect(metrics.text).toMatch(/frontline_process_cpu_seconds_total/);
  });

  it('refuses missing, wrong and truncated tokens', async () => {
    await request(app).get('/api/tickets').expect(401);
    await request(app).get('/api/tickets').set({ authorization: 'Bearer wrong-token-0123456789' }).expect(401);
    const res = await request(app).get('/api/tickets').set({ authorization: `Bearer ${TOKEN.slice(0, -1)}` }).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('without a configured token, answers loopback callers only', async () => {
    const open = createApp({ db: h.db, core: h.core, log: silentLogger, metrics: createMetricsRegistry(h.db.prisma), apiToken: undefined, ticketPrefix: 'FL', knowledgeArticles: () => 0 });
    await request(open).get('/api/queue').expect(200); // supertest connects over loopback
    // Behind a reverse proxy on the same host every caller is local: proxied requests are refused.
    await request(open).get('/api/queue').set('X-Forwarded-For', '203.0.113.9').expect(401);
    await request(open).get('/api/queue').set('Forwarded', 'for=203.0.113.9').expect(401);
    await request(open).get('/metrics').set('X-Real-IP', '203.0.113.9').expect(401);
  });

  it('lists, filters and shows a ticket with its history and transcript', async () => {
    const list = await request(app).get('/api/tickets?status=escalated').set(auth).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.tickets[0].number).toBe('FL-00001');
    await request(app).get('/api/tickets?status=nonsense').set(auth).expect(400);
    const one = await request(app).get('/api/tickets/FL-00001').set(auth).expect(200);
    expect(one.body.events.map((e: { type: string }) => e.type)).toEqual(['created', 'classified', 'escalated']);
    expect(one.body.transcript[0]).toMatchObject({ direction: 'in', authorKind: 'requester' });
    await request(app).get('/api/tickets/FL-99999').set(auth).expect(404);
    const queue = await request(app).get('/api/queue').set(auth).expect(200);
    expect(queue.body.tickets).toHaveLength(1);
  });

  it('lets an agent take, reply and resolve, and keeps one owner at a time', async () => {
    const take = await request(app).post('/api/tickets/FL-00001/actions').set(auth).send({ type: 'take', agent: { name: 'Dana' } }).expect(200);
    expect(take.body.ticket.status).toBe('assigned');
    const other = await request(app).post('/api/tickets/FL-00001/actions').set(auth).send({ type: 'reply', agent: { name: 'Eve' }, text: 'hi' }).expect(409);
    expect(other.body.error.code).toBe('conflict');
    await request(app).post('/api/tickets/FL-00001/actions').set(auth).send({ type: 'reply', agent: { name: 'Dana' }, text: '' }).expect(400);
    await request(app).post('/api/tickets/FL-00001/actions').set(auth).send({ type: 'fly', agent: { name: 'Dana' } }).expect(400);
    await request(app).post('/api/tickets/FL-00001/actions').set(auth).send({ type: 'reply', agent: { name: 'Dana' }, text: 'On my way <b>now</b>' }).expect(200);
    await h.settle();
    expect(h.terminal.repliesTo('carol').at(-1)!.text).toBe('On my way <b>now</b>');
    const resolved = await request(app).post('/api/tickets/FL-00001/actions').set(auth).send({ type: 'resolve', agent: { name: 'Dana' } }).expect(200);
    expect(resolved.body.ticket.status).toBe('resolved');
    await request(app).post('/api/tickets/FL-00001/actions').set(auth).send({ type: 'take', agent: { name: 'Dana' } }).expect(409);
  });

  it('answers malformed JSON and unknown routes with JSON errors', async () => {
    const bad = await request(app).post('/api/tickets/FL-00001/actions').set({ ...auth, 'content-type': 'application/json' }).send('{"type":').expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const missing = await request(app).get('/nope').expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('accepts terminal messages idempotently and returns the replies', async () => {
    const first = await request(app).post('/api/terminal/messages').set(auth).send({ user: 'dan', id: 'a1', text: 'wifi password for guests?' }).expect(202);
    const again = await request(app).post('/api/terminal/messages').set(auth).send({ user: 'dan', id: 'a1', text: 'wifi password for guests?' }).expect(200);
    expect(again.body).toMatchObject({ duplicate: true, inboxId: first.body.inboxId });
    await request(app).post('/api/terminal/messages').set(auth).send({ user: 'bad user!', id: 'a2', text: 'x' }).expect(400);
    await h.settle();
    const replies = await request(app).get('/api/terminal/replies?user=dan&after=0').set(auth).expect(200);
    expect(replies.body.replies.length).toBeGreaterThanOrEqual(2);
  });
});
