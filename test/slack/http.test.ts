import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSlackRouter } from '../../bots/slack/transport/http.ts';
import { EmptySigningSecretError, createSignatureVerifier, signRaw } from '../../bots/slack/transport/signature.ts';
import type { NormaliseContext } from '../../bots/slack/normalise/context.ts';
import { BOT_USER, TEAM, TRIAGE, dm, envelope, messageShortcut, slashCommand } from './fixtures.ts';
import { FORM, MemoryIntake, NOW_MS, SECRET, appWith, formBody, nowSeconds, p99, slackHeaders } from './fakes.ts';

const context: NormaliseContext = { botUserId: BOT_USER, teamId: TEAM, agentChannelId: TRIAGE, notePrefix: '//', now: () => NOW_MS };

function setup(intake = new MemoryIntake(), ackTimes?: number[]) {
  const app = appWith(createSlackRouter({ signingSecret: SECRET, intake, context }), ackTimes);
  return { app, intake };
}

const body = JSON.stringify(envelope(dm('VPN is down')));

describe('signature verification', () => {
  it('accepts a correctly signed request and stores the event', async () => {
    const { app, intake } = setup();
    await request(app).post('/slack/events').set(slackHeaders(body)).send(body).expect(200);
    expect(intake.stored).toHaveLength(1);
  });

  it.each([
    ['body altered by one byte', () => ({ headers: slackHeaders(body), sent: body.replace('VPN', 'VPM') })],
    ['stale timestamp (6 min old)', () => ({ headers: slackHeaders(body, { timestamp: String(Number(nowSeconds()) - 360) }), sent: body })],
    ['future timestamp (6 min ahead)', () => ({ headers: slackHeaders(body, { timestamp: String(Number(nowSeconds()) + 360) }), sent: body })],
    ['wrong version prefix', () => ({ headers: { ...slackHeaders(body), 'x-slack-signature': slackHeaders(body)['x-slack-signature']!.replace('v0=', 'v1=') }, sent: body })],
    ['signed with another secret', () => ({ headers: slackHeaders(body, { secret: 'another-secret-xyz' }), sent: body })],
    ['truncated signature', () => ({ headers: { ...slackHeaders(body), 'x-slack-signature': slackHeaders(body)['x-slack-signature']!.slice(0, 20) }, sent: body })],
    ['missing signature header', () => ({ headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': nowSeconds() }, sent: body })],
    ['missing timestamp header', () => ({ headers: { 'content-type': 'application/json', 'x-slack-signature': slackHeaders(body)['x-slack-signature']! }, sent: body })],
    ['non-numeric timestamp', () => ({ headers: { ...slackHeaders(body), 'x-slack-request-timestamp': 'abc' }, sent: body })],
  ])('rejects %s with 401 and stores nothing', async (_, make) => {
    const { app, intake } = setup();
    const { headers, sent } = make();
    await request(app).post('/slack/events').set(headers).send(sent).expect(401);
    expect(intake.calls).toBe(0);
  });

  it('accepts timestamps within 5 minutes either way (injected clock)', () => {
    const verifier = createSignatureVerifier(SECRET, () => NOW_MS);
    for (const offset of [-299, 299]) {
      const ts = String(Number(nowSeconds()) + offset);
      expect(verifier.verify({ timestamp: ts, signature: signRaw(SECRET, ts, body) }, Buffer.from(body))).toEqual({ ok: true });
    }
    const late = String(Number(nowSeconds()) + 301);
    expect(verifier.verify({ timestamp: late, signature: signRaw(SECRET, late, body) }, Buffer.from(body))).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('refuses to build with an empty signing secret', () => {
    expect(() => createSignatureVerifier('', () => NOW_MS)).toThrow(EmptySigningSecretError);
    expect(() => createSlackRouter({ signingSecret: '  ', intake: new MemoryIntake(), context })).toThrow(/SLACK_SIGNING_SECRET is empty/);
  });
});

describe('events endpoint', () => {
  it('answers url_verification with the challenge', async () => {
    const { app, intake } = setup();
    const raw = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    const res = await request(app).post('/slack/events').set(slackHeaders(raw)).send(raw).expect(200);
    expect(res.body).toEqual({ challenge: 'c-123' });
    expect(intake.calls).toBe(0);
  });

  it('stores a retried delivery (X-Slack-Retry-Num, same event_id) once and acknowledges both', async () => {
    const { app, intake } = setup();
    await request(app).post('/slack/events').set(slackHeaders(body)).send(body).expect(200);
    await request(app)
      .post('/slack/events')
      .set({ ...slackHeaders(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })
      .send(body)
      .expect(200);
    expect(intake.calls).toBe(2);
    expect(intake.stored).toHaveLength(1);
  });

  it('processes a retry whose original never arrived', async () => {
    const { app, intake } = setup();
    await request(app).post('/slack/events').set({ ...slackHeaders(body), 'x-slack-retry-num': '2' }).send(body).expect(200);
    expect(intake.stored).toHaveLength(1);
  });

  it('does not acknowledge when the store fails, so Slack retries', async () => {
    const { app } = setup(new MemoryIntake({ failWith: new Error('database is locked') }));
    await request(app).post('/slack/events').set(slackHeaders(body)).send(body).expect(500);
  });

  it('acknowledges only after accept resolved (store-before-ack)', async () => {
    const intake = new MemoryIntake({ delayMs: 150 });
    const { app } = setup(intake);
    const started = Date.now();
    await request(app).post('/slack/events').set(slackHeaders(body)).send(body).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(intake.stored).toHaveLength(1);
  });

  it('acknowledges unknown events and unparseable bodies with 200 without storing', async () => {
    const { app, intake } = setup();
    for (const raw of [JSON.stringify(envelope({ type: 'reaction_added', user: 'U1' })), '{not json']) {
      await request(app).post('/slack/events').set(slackHeaders(raw)).send(raw).expect(200);
    }
    expect(intake.calls).toBe(0);
  });

  it('keeps p99 acknowledgement under 1 s for 200 concurrent events with a 200 ms store', async () => {
    const ackTimes: number[] = [];
    const { app, intake } = setup(new MemoryIntake({ delayMs: 200 }), ackTimes);
    const server = app.listen(0);
    try {
      await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const raw = JSON.stringify(envelope(dm(`q${i}`, { ts: `1700000000.${String(i).padStart(6, '0')}` }), `Ev${i}`));
          await request(server).post('/slack/events').set(slackHeaders(raw)).send(raw).expect(200);
        }),
      );
    } finally {
      server.close();
    }
    expect(ackTimes).toHaveLength(200);
    expect(Math.min(...ackTimes)).toBeGreaterThanOrEqual(195); // stored first, then acknowledged
    expect(p99(ackTimes)).toBeLessThan(1000);
    expect(intake.stored).toHaveLength(200);
  });
});

describe('acceptance: 1,000 signed events with 20% retried duplicates', () => {
  it('stores exactly one message per event_id, p99 acknowledgement under 1 s with a slow store', async () => {
    const ackTimes: number[] = [];
    const { app, intake } = setup(new MemoryIntake({ delayMs: 100 }), ackTimes);
    const server = app.listen(0);
    const bodies = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify(envelope(dm(`question ${i}`, { ts: `1700000000.${String(i).padStart(6, '0')}` }), `EvA${i}`)),
    );
    // 200 of them are delivered twice; the second delivery carries X-Slack-Retry-Num like Slack's retries.
    const deliveries = [...bodies.map((raw) => ({ raw, retry: false })), ...bodies.filter((_, i) => i % 5 === 0).map((raw) => ({ raw, retry: true }))];
    try {
      for (let start = 0; start < deliveries.length; start += 150) {
        await Promise.all(
          deliveries.slice(start, start + 150).map(async ({ raw, retry }) => {
            await request(server)
              .post('/slack/events')
              .set({ ...slackHeaders(raw), ...(retry && { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }) })
              .send(raw)
              .expect(200);
          }),
        );
      }
    } finally {
      server.close();
    }
    expect(ackTimes).toHaveLength(1200);
    expect(p99(ackTimes)).toBeLessThan(1000);
    const ids = intake.stored.map((e) => (e.kind === 'requester' ? e.message.externalId : ''));
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe('commands and interactivity endpoints', () => {
  it('turns /support new into a stored /new request and answers ephemerally', async () => {
    const { app, intake } = setup();
    const raw = formBody(slashCommand('new printer on floor 3 jams'));
    const res = await request(app).post('/slack/commands').set(slackHeaders(raw, { contentType: FORM })).send(raw).expect(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(intake.stored[0]).toMatchObject({ kind: 'requester', message: { text: '/new printer on floor 3 jams', conversationKey: 'U1001' } });
  });

  it('parses the interactivity payload field', async () => {
    const { app, intake } = setup();
    const payload = messageShortcut('fl_create_ticket', 'CGENERAL', { text: 'my laptop &amp; dock fail', user: 'U3' });
    const raw = formBody({ payload: JSON.stringify(payload) });
    await request(app).post('/slack/interactivity').set(slackHeaders(raw, { contentType: FORM })).send(raw).expect(200);
    expect(intake.stored[0]).toMatchObject({ kind: 'requester', message: { text: '/new my laptop & dock fail' } });
  });
});
