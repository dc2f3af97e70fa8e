import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createUpdateHandler } from '../../bots/telegram/intake/handle-update.ts';
import { createWebhookHandler, createWebhookRouter, SECRET_HEADER, WebhookConfigError } from '../../bots/telegram/intake/webhook.ts';
import { silentLogger } from '../../bots/telegram/logger.ts';
import { privateText, user } from '../fakes/telegram-api/updates.ts';
import { MemoryIntake } from './support/memory-intake.ts';

const SECRET = 'S3cret_token-with-enough-entropy_0123456789';
const PATH = '/telegram/webhook';
const update = { update_id: 1, ...privateText(user(42), 7, 'help <me> & 🙂') };

function appFor(intake: MemoryIntake, options: { preParsed?: boolean; ready?: () => boolean } = {}) {
  const app = express();
  if (options.preParsed) app.use(express.json());
  const handleUpdate = createUpdateHandler({ intake, normalise: () => ({ notePrefix: '//', now: () => new Date() }), logger: silentLogger });
  app.use(createWebhookRouter({ path: PATH, secret: SECRET, handleUpdate, logger: silentLogger, ...(options.ready ? { ready: options.ready } : {}) }));
  return app;
}

describe('webhook', () => {
  it('stores the update, then answers 200', async () => {
    const intake = new MemoryIntake();
    await request(appFor(intake)).post(PATH).set(SECRET_HEADER, SECRET).send(update).expect(200);
    expect(intake.texts()).toEqual(['help <me> & 🙂']);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['wrong', 'not-the-secret'],
    ['truncated', SECRET.slice(0, -1)],
    ['extended', `${SECRET}x`],
    ['different case', SECRET.toUpperCase()],
  ])('rejects a %s secret with 401 and stores nothing', async (_name, secret) => {
    const intake = new MemoryIntake();
    const req = request(appFor(intake)).post(PATH);
    if (secret !== undefined) req.set(SECRET_HEADER, secret);
    await req.send(update).expect(401);
    expect(intake.calls).toBe(0);
  });

  it('rejects forged requests before reading the body, even malformed ones', async () => {
    const intake = new MemoryIntake();
    await request(appFor(intake)).post(PATH).set('content-type', 'application/json').send('{not json').expect(401);
    expect(intake.calls).toBe(0);
  });

  it('answers 400 to malformed JSON and to JSON that is not an update object', async () => {
    const intake = new MemoryIntake();
    const app = appFor(intake);
    await request(app).post(PATH).set(SECRET_HEADER, SECRET).set('content-type', 'application/json').send('{"update_id": 1,').expect(400);
    await request(app).post(PATH).set(SECRET_HEADER, SECRET).set('content-type', 'application/json').send('[1,2]').expect(400);
    expect(intake.calls).toBe(0);
  });

  it('answers 200 to updates it deliberately ignores, without storing them', async () => {
    const intake = new MemoryIntake();
    await request(appFor(intake)).post(PATH).set(SECRET_HEADER, SECRET).send({ update_id: 2, poll: { id: 'p' } }).expect(200);
    expect(intake.calls).toBe(0);
  });

  it('answers 500 when the update could not be stored, so Telegram retries it', async () => {
    const intake = new MemoryIntake();
    intake.misbehaveWhen(() => 'fail');
    await request(appFor(intake)).post(PATH).set(SECRET_HEADER, SECRET).send(update).expect(500);
    expect(intake.stored).toHaveLength(0);
  });

  it('answers 503 until the bot has started', async () => {
    const intake = new MemoryIntake();
    await request(appFor(intake, { ready: () => false })).post(PATH).set(SECRET_HEADER, SECRET).send(update).expect(503);
    expect(intake.calls).toBe(0);
  });

  it('works behind an app-wide JSON body parser too', async () => {
    const intake = new MemoryIntake();
    await request(appFor(intake, { preParsed: true })).post(PATH).set(SECRET_HEADER, SECRET).send(update).expect(200);
    expect(intake.stored).toHaveLength(1);
  });

  it('refuses to be created without a usable secret', () => {
    const handleUpdate = async () => 'ignored' as const;
    for (const secret of ['', 'has space', 'x'.repeat(257), 'кириллица']) {
      expect(() => createWebhookHandler({ secret, handleUpdate, logger: silentLogger })).toThrow(WebhookConfigError);
    }
  });
});
