import { afterEach, describe, expect, it } from 'vitest';
import { BotApi } from '../../bots/telegram/api/bot-api.ts';
import { Backoff } from '../../bots/telegram/intake/backoff.ts';
import { createUpdateHandler } from '../../bots/telegram/intake/handle-update.ts';
import { startPolling, type PollingHandle } from '../../bots/telegram/intake/polling.ts';
import { silentLogger } from '../../bots/telegram/logger.ts';
import { startFakeTelegramApi, user, type FakeTelegramApi, type FakeTelegramApiOptions } from '../fakes/telegram-api/index.ts';
import { keyOf, MemoryIntake } from './support/memory-intake.ts';

let tg: FakeTelegramApi | undefined;
let polling: PollingHandle | undefined;
afterEach(async () => {
  await polling?.stop();
  await tg?.close();
  polling = tg = undefined;
});

/** Starts the fake API and a polling loop; records every getUpdates offset that would confirm something unstored. */
async function run(intake: MemoryIntake, fakeOptions: FakeTelegramApiOptions = {}, acceptTimeoutMs = 5_000, gatherMs?: number) {
  const keyOfUpdate = new Map<number, string>();
  const violations: string[] = [];
  tg = await startFakeTelegramApi({
    ...fakeOptions,
    onCall: (method, params) => {
      if (method !== 'getUpdates' || params['offset'] === undefined) return;
      for (const [updateId, key] of keyOfUpdate) {
        if (updateId < Number(params['offset']) && !intake.has(key)) violations.push(`offset ${String(params['offset'])} confirms unstored ${updateId}`);
      }
    },
  });
  const api = new BotApi({ token: tg.token, apiRoot: tg.apiRoot });
  const handleUpdate = createUpdateHandler({ intake, normalise: () => ({ notePrefix: '//', now: () => new Date() }), api, logger: silentLogger, acceptTimeoutMs });
  polling = startPolling({ api, handleUpdate, logger: silentLogger, timeoutSec: 1, backoff: new Backoff(5, 40), ...(gatherMs !== undefined ? { gatherMs } : {}) });
  const say = (userId: number, text: string) => {
    const update = tg!.userSays(user(userId), text);
    const message = update['message'] as { chat: { id: number }; message_id: number };
    keyOfUpdate.set(update.update_id, `telegram:m:${message.chat.id}:${message.message_id}`);
  };
  return { tg, say, violations };
}

function perChatTexts(intake: MemoryIntake): Map<string, string[]> {
  const chats = new Map<string, string[]>();
  for (const event of intake.stored) {
    if (event.kind !== 'requester') continue;
    const list = chats.get(event.message.conversationKey) ?? [];
    list.push(event.message.text);
    chats.set(event.message.conversationKey, list);
  }
  return chats;
}

describe('long polling', () => {
  it('stores every update once and confirms them', async () => {
    const intake = new MemoryIntake();
    const { tg, say } = await run(intake);
    say(1, 'hello');
    say(2, 'привет');
    await tg.waitFor(() => intake.stored.length === 2);
    expect(intake.texts()).toEqual(['hello', 'привет']);
    await polling!.stop();
    expect(tg.state.updates).toHaveLength(0); // the last getUpdates confirmed them
    expect(intake.duplicates).toBe(0);
  });

  it('never moves the offset past an update the store refused; nothing lost, nothing stored twice, order kept', async () => {
    const intake = new MemoryIntake();
    // Every 3rd message is refused twice, every 7th once (per message, so a retry can succeed; updates of
    // other chats are stored while one is refused).
    const attempts = new Map<string, number>();
    intake.misbehaveWhen((event) => {
      const text = event.kind === 'requester' ? event.message.text : '';
      const n = Number(text.split(' ')[1]);
      const tried = attempts.get(text) ?? 0;
      attempts.set(text, tried + 1);
      return (n % 3 === 0 && tried < 2) || (n % 7 === 0 && tried < 1) ? 'fail' : 'ok';
    });
    const { tg, say, violations } = await run(intake);
    for (let i = 0; i < 300; i++) say(1000 + (i % 30), `msg ${i}`);
    await tg.waitFor(() => intake.stored.length === 300, 20_000);
    expect(intake.failures).toBeGreaterThan(50);
    expect(violations).toEqual([]);
    expect(new Set(intake.stored.map(keyOf)).size).toBe(300);
    // Other chats' updates stored while one was refused come again with the retried poll: recognised as
    // duplicates by the store, never stored twice.
    expect(intake.stored).toHaveLength(300);
    for (const [chat, texts] of perChatTexts(intake)) {
      const expected = Array.from({ length: 10 }, (_, k) => `msg ${Number(chat) - 1000 + 30 * k}`);
      expect(texts).toEqual(expected);
    }
  });

  it('hands different chats of one poll to the intake together, one chat strictly one after another', async () => {
    const intake = new MemoryIntake();
    const inFlight = new Map<string, number>();
    let most = 0;
    let overlapInChat = false;
    const accept = intake.accept.bind(intake);
    intake.accept = async (event) => {
      const chat = event.kind === 'requester' ? event.message.conversationKey : '';
      const n = (inFlight.get(chat) ?? 0) + 1;
      inFlight.set(chat, n);
      if (n > 1) overlapInChat = true;
      most = Math.max(most, [...inFlight.values()].reduce((a, b) => a + b, 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
      try {
        return await accept(event);
      } finally {
        inFlight.set(chat, inFlight.get(chat)! - 1);
      }
    };
    const { tg, say, violations } = await run(intake);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the loop is waiting in a long poll
    for (let i = 0; i < 3; i++) for (let chat = 1; chat <= 10; chat++) say(chat, `c${chat} m${i}`);
    await tg.waitFor(() => intake.stored.length === 30);
    expect(most).toBeGreaterThanOrEqual(5);
    expect(overlapInChat).toBe(false);
    for (const [chat, texts] of perChatTexts(intake)) expect(texts).toEqual([0, 1, 2].map((i) => `c${chat} m${i}`));
    expect(violations).toEqual([]);
  });

  it('pauses after a short batch, so updates arriving meanwhile come in one request', async () => {
    const intake = new MemoryIntake();
    const batches: number[] = [];
    const accept = intake.accept.bind(intake);
    let current = 0;
    intake.accept = (event) => {
      current += 1;
      queueMicrotask(() => {
        if (current) batches.push(current);
        current = 0;
      });
      return accept(event);
    };
    const { tg, say } = await run(intake, {}, 5_000, 300);
    await new Promise((resolve) => setTimeout(resolve, 50));
    say(1, 'first');
    await tg.waitFor(() => intake.stored.length === 1);
    // The loop is pausing now; these three arrive one by one and are fetched together.
    for (const [i, chat] of [2, 3, 4].entries()) setTimeout(() => say(chat, `later ${i}`), 20 * i);
    await tg.waitFor(() => intake.stored.length === 4);
    expect(batches).toEqual([1, 3]);
  });

  it('treats a store that hangs as failed and retries it', async () => {
    const intake = new MemoryIntake();
    let hung = false;
    intake.misbehaveWhen((event) => {
      if (!hung && event.kind === 'requester' && event.message.text === 'poison') {
        hung = true;
        return 'hang';
      }
      return 'ok';
    });
    const { tg, say, violations } = await run(intake, {}, 100);
    say(1, 'before');
    say(1, 'poison');
    say(2, 'after');
    await tg.waitFor(() => intake.stored.length === 3);
    // Order holds within a chat; another chat's update need not wait for the retry.
    expect(intake.texts().filter((t) => t !== 'after')).toEqual(['before', 'poison']);
    expect(intake.texts()).toContain('after');
    expect(violations).toEqual([]);
  });

  it('keeps going through Telegram failures (5xx, resets) without losing updates', async () => {
    const intake = new MemoryIntake();
    const { tg, say, violations } = await run(intake, { failures: { share: 0.3, kinds: ['500', 'reset'], methods: ['getUpdates'] }, seed: 42 });
    for (let i = 0; i < 100; i++) say(1 + (i % 10), `m${i}`);
    await tg.waitFor(() => intake.stored.length === 100, 20_000);
    expect(violations).toEqual([]);
    expect(new Set(intake.stored.map(keyOf)).size).toBe(100);
  });

  it('stops promptly while a long poll is waiting', async () => {
    const intake = new MemoryIntake();
    tg = await startFakeTelegramApi();
    const api = new BotApi({ token: tg.token, apiRoot: tg.apiRoot });
    const handleUpdate = createUpdateHandler({ intake, normalise: () => ({ notePrefix: '//', now: () => new Date() }), logger: silentLogger });
    polling = startPolling({ api, handleUpdate, logger: silentLogger, timeoutSec: 30 });
    await tg.waitFor(() => (tg!.calls.get('getUpdates') ?? 0) >= 1);
    const started = Date.now();
    await polling.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('leaves unconfirmed updates for the next run after a stop, which stores them once', async () => {
    const intake = new MemoryIntake();
    intake.misbehaveWhen(() => 'fail');
    const { tg, say } = await run(intake);
    say(5, 'one');
    say(5, 'two');
    await tg.waitFor(() => intake.failures >= 2);
    await polling!.stop();
    expect(tg.state.updates).toHaveLength(2);
    intake.misbehaveWhen(() => 'ok');
    const api = new BotApi({ token: tg.token, apiRoot: tg.apiRoot });
    const handleUpdate = createUpdateHandler({ intake, normalise: () => ({ notePrefix: '//', now: () => new Date() }), logger: silentLogger });
    polling = startPolling({ api, handleUpdate, logger: silentLogger, timeoutSec: 1 });
    await tg.waitFor(() => intake.stored.length === 2);
    expect(intake.texts()).toEqual(['one', 'two']);
  });

  it('answers button presses after storing them', async () => {
    const intake = new MemoryIntake();
    const { tg } = await run(intake);
    tg.enqueue({ callback_query: { id: 'cbq-1', from: user(7), chat_instance: 'x', data: 'fb:y', message: { message_id: 3, date: 1, chat: { id: 7, type: 'private' } } } });
    await tg.waitFor(() => tg.state.answeredCallbacks.includes('cbq-1'));
    expect(intake.stored[0]).toMatchObject({ kind: 'requester', message: { action: { payload: 'fb:y' } } });
  });
});
