/**
 * The inbox worker's group commit on SQLite (several conversations' events in one transaction, each in
 * a savepoint) and the same guarantees on PostgreSQL (a transaction per event): a failing event undoes
 * only its own work and holds back only its own conversation; a transaction that breaks as a whole
 * costs its neighbours nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InboxIntake } from '../../core/inbox/intake.ts';
import { DEFAULT_INBOX_OPTIONS, InboxWorker, type InboxHandler } from '../../core/inbox/worker.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { parseStoredEvent } from '../../core/inbox/intake.ts';
import type { IntakeEvent } from '../../core/model/intake.ts';
import type { Database } from '../../core/store/database.ts';
import { chatMessage } from '../support/inbox-events.ts';
import { createTestDatabase, providers, type TestDatabase } from '../support/databases.ts';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** Counts the worker's transactions (the database itself is real). */
function countingTransactions(database: Database): { db: Database; transactions: () => number } {
  let count = 0;
  const prisma = new Proxy(database.prisma, {
    get(target, property, receiver) {
      if (property === '$transaction') {
        return (...args: unknown[]) => {
          count += 1;
          return (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return { db: { ...database, prisma }, transactions: () => count };
}

/** Each event writes a marker row in its transaction; `poison` texts then fail in the way given. */
function markingHandler(fail: (tx: Parameters<InboxHandler>[0], text: string) => Promise<void>): InboxHandler {
  return async (tx, row) => {
    const event = parseStoredEvent(row.payload);
    const text = event.kind === 'requester' ? event.message.text : '';
    await tx.$executeRawUnsafe(db!.provider === 'postgres' ? 'INSERT INTO "Counter" ("name", "value") VALUES ($1, 1)' : 'INSERT INTO "Counter" ("name", "value") VALUES (?, 1)', `done:${row.externalId}`);
    await fail(tx, text);
    return false;
  };
}

async function markers(): Promise<string[]> {
  const rows = await db!.prisma.counter.findMany({ where: { name: { startsWith: 'done:' } }, orderBy: { name: 'asc' } });
  return rows.map((r) => r.name.slice('done:'.length));
}

async function statusOf(externalId: string) {
  return db!.prisma.inboxEvent.findFirstOrThrow({ where: { externalId }, select: { status: true, attempts: true } });
}

async function runWith(handler: InboxHandler, events: IntakeEvent[]) {
  const counting = countingTransactions(db!);
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  const worker = new InboxWorker(counting.db, handler, async () => {}, clock, silentLogger, { ...DEFAULT_INBOX_OPTIONS, sweepIntervalMs: 60_000 });
  const intake = new InboxIntake(db!, (key) => worker.notify(key), clock);
  await Promise.all(events.map((e) => intake.accept(e)));
  // Let the drains run; a failed event backs off (the clock does not move), so the worker settles.
  for (let i = 0; i < 100; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await worker.stop();
  return counting.transactions();
}

describe.each(providers)('inbox batching on %s', (provider) => {
  it('a failing event undoes only its own work and holds back only its own conversation', async () => {
    db = await createTestDatabase(provider);
    const events = ['a', 'b', 'c', 'd', 'e'].flatMap((chat) => [0, 1, 2].map((n) => chatMessage(chat, n, chat === 'c' && n === 1 ? 'poison' : 'fine')));
    const transactions = await runWith(
      markingHandler(async (_tx, text) => {
        if (text === 'poison') throw new Error('handler failed');
      }),
      events,
    );
    expect(await markers()).toEqual(['a-0', 'a-1', 'a-2', 'b-0', 'b-1', 'b-2', 'c-0', 'd-0', 'd-1', 'd-2', 'e-0', 'e-1', 'e-2']);
    expect(await statusOf('c-1')).toEqual({ status: 'pending', attempts: 1 });
    expect(await statusOf('c-2')).toEqual({ status: 'pending', attempts: 0 });
    expect(await statusOf('d-2')).toEqual({ status: 'done', attempts: 0 });
    // SQLite commits many events together; PostgreSQL a transaction per event.
    if (provider === 'sqlite') expect(transactions).toBeLessThan(8);
    else expect(transactions).toBeGreaterThanOrEqual(13);
  });

  it.runIf(provider === 'sqlite')('a transaction that breaks as a whole is retried a conversation at a time', async () => {
    db = await createTestDatabase(provider);
    const events = ['a', 'b', 'c'].flatMap((chat) => [0, 1].map((n) => chatMessage(chat, n, chat === 'b' && n === 0 ? 'poison' : 'fine')));
    await runWith(
      markingHandler(async (tx, text) => {
        // Ends the whole transaction underneath the worker: its savepoint is gone with it.
        if (text === 'poison') await tx.$executeRawUnsafe('ROLLBACK');
      }),
      events,
    );
    expect(await markers()).toEqual(['a-0', 'a-1', 'c-0', 'c-1']);
    expect(await statusOf('b-0')).toEqual({ status: 'pending', attempts: 1 });
    expect(await statusOf('b-1')).toEqual({ status: 'pending', attempts: 0 });
    expect(await statusOf('a-0')).toEqual({ status: 'done', attempts: 0 });
    expect(await statusOf('c-1')).toEqual({ status: 'done', attempts: 0 });
  });

  it.runIf(provider === 'sqlite')('the event that breaks the transaction takes the blame, not the one before it', async () => {
    db = await createTestDatabase(provider);
    const events = [chatMessage('b', 0, 'fine'), chatMessage('b', 1, 'poison'), chatMessage('b', 2, 'fine')];
    await runWith(
      markingHandler(async (tx, text) => {
        if (text === 'poison') await tx.$executeRawUnsafe('ROLLBACK');
      }),
      events,
    );
    expect(await markers()).toEqual(['b-0']);
    expect(await statusOf('b-0')).toEqual({ status: 'done', attempts: 0 });
    expect(await statusOf('b-1')).toEqual({ status: 'pending', attempts: 1 });
    expect(await statusOf('b-2')).toEqual({ status: 'pending', attempts: 0 });
  });
});
