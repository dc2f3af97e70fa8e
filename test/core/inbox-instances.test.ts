/**
 * Two inbox workers (two instances) on one PostgreSQL database: a conversation's oldest event that one
 * instance is processing is neither taken by the other nor jumped over (the next event waits), and an
 * oldest event that is backing off holds its conversation back too. The claim is one statement that
 * picks the oldest pending event and locks it with SKIP LOCKED; this fails if it skipped to a later one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboxIntake, parseStoredEvent } from '../../core/inbox/intake.ts';
import { DEFAULT_INBOX_OPTIONS, InboxWorker, type InboxHandler } from '../../core/inbox/worker.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { chatMessage } from '../support/inbox-events.ts';
import { createTestDatabase, providers, type TestDatabase } from '../support/databases.ts';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

let clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

/** Records (instance, externalId) in processing order; `hold` may keep an event's transaction open. */
function recorder(instance: string, log: string[], hold?: (externalId: string) => Promise<void>): InboxHandler {
  return async (_tx, row) => {
    const event = parseStoredEvent(row.payload);
    const id = event.kind === 'requester' ? event.message.externalId : row.externalId;
    await hold?.(id);
    log.push(`${instance}:${id}`);
    return false;
  };
}

/** The real database, with the worker's transactions counted. */
function countingTransactions(): { db: TestDatabase; transactions: () => number } {
  let count = 0;
  const prisma = new Proxy(db!.prisma, {
    get(target, property, receiver) {
      if (property !== '$transaction') return Reflect.get(target, property, receiver);
      return (...args: unknown[]) => {
        count += 1;
        return (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
      };
    },
  });
  return { db: { ...db!, prisma }, transactions: () => count };
}

/** Instance `a`, whose transaction for `externalId` stays open (held) until released. */
function instanceHolding(externalId: string, log: string[]): { a: InboxWorker; held: Promise<void>; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const hold = async (id: string) => {
    if (id !== externalId) return;
    holding();
    await released;
  };
  return { a: worker(recorder('a', log, hold), 'a'), held, release };
}

function worker(handler: InboxHandler, instanceId: string): InboxWorker {
  return new InboxWorker(db!, handler, async () => {}, clock, silentLogger, { ...DEFAULT_INBOX_OPTIONS, instanceId, sweepIntervalMs: 60_000 });
}

describe.skipIf(!providers.includes('postgres'))('inbox workers of two instances on PostgreSQL', () => {
  const provider = 'postgres' as const;
  beforeEach(() => {
    clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  });

  it('neither takes nor jumps over an oldest event the other instance is processing', async () => {
    db = await createTestDatabase(provider);
    const intake = new InboxIntake(db, () => {}, clock);
    for (const event of [chatMessage('x', 0), chatMessage('x', 1)]) await intake.accept(event);

    const log: string[] = [];
    const { a, held, release } = instanceHolding('x-0', log);
    const b = worker(recorder('b', log), 'b');

    a.notify('terminal:x');
    await held; // a's transaction has claimed x-0 and is still open
    b.notify('terminal:x');
    await b.stop(); // b's drain has finished
    expect(log).toEqual([]);

    release();
    await a.idle();
    await a.stop();
    expect(log).toEqual(['a:x-0', 'a:x-1']);
    const rows = await db.prisma.inboxEvent.findMany({ orderBy: { id: 'asc' }, select: { externalId: true, status: true, lockedBy: true } });
    expect(rows).toEqual([
      { externalId: 'x-0', status: 'done', lockedBy: null },
      { externalId: 'x-1', status: 'done', lockedBy: null },
    ]);
  });

  it('an instance that stores an event behind one the other instance is processing leaves it to that instance, without a transaction', async () => {
    db = await createTestDatabase(provider);
    const log: string[] = [];
    const { a, held, release } = instanceHolding('x-0', log);
    const counted = countingTransactions();
    const b = new InboxWorker(counted.db, recorder('b', log), async () => {}, clock, silentLogger, { ...DEFAULT_INBOX_OPTIONS, instanceId: 'b', sweepIntervalMs: 60_000 });
    const intakeA = new InboxIntake(db, (key, behind) => a.notify(key, behind), clock);
    const intakeB = new InboxIntake(db, (key, behind) => b.notify(key, behind), clock);

    await intakeA.accept(chatMessage('x', 0));
    await held; // a is processing x-0
    await intakeB.accept(chatMessage('x', 1)); // stored behind x-0 on the other instance
    await b.stop();
    expect(counted.transactions()).toBe(0);
    expect(log).toEqual([]);

    release();
    await a.idle();
    await a.stop();
    expect(log).toEqual(['a:x-0', 'a:x-1']);
  });

  it('a drain that processed the last pending event ends without another transaction', async () => {
    db = await createTestDatabase(provider);
    const log: string[] = [];
    const counted = countingTransactions();
    const b = new InboxWorker(counted.db, recorder('b', log), async () => {}, clock, silentLogger, { ...DEFAULT_INBOX_OPTIONS, instanceId: 'b', sweepIntervalMs: 60_000 });
    const intake = new InboxIntake(db, (key, behind) => b.notify(key, behind), clock);
    await intake.accept(chatMessage('u', 0));
    for (let i = 0; i < 100 && log.length < 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await b.stop();
    expect(log).toEqual(['b:u-0']);
    expect(counted.transactions()).toBe(1);
  });

  it('an event stored behind an oldest one that nobody holds is processed at once', async () => {
    db = await createTestDatabase(provider);
    const log: string[] = [];
    const quiet = new InboxIntake(db, () => {}, clock);
    await quiet.accept(chatMessage('w', 0)); // stored, but no worker was told
    const b = worker(recorder('b', log), 'b');
    const intake = new InboxIntake(db, (key, behind) => b.notify(key, behind), clock);
    await intake.accept(chatMessage('w', 1));
    for (let i = 0; i < 100 && log.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await b.stop();
    expect(log).toEqual(['b:w-0', 'b:w-1']);
  });

  it('holds a conversation back while its oldest event is backing off', async () => {
    db = await createTestDatabase(provider);
    const intake = new InboxIntake(db, () => {}, clock);
    for (const event of [chatMessage('y', 0), chatMessage('y', 1), chatMessage('z', 0)]) await intake.accept(event);
    await db.prisma.inboxEvent.update({ where: { channel_externalId: { channel: 'terminal', externalId: 'y-0' } }, data: { attempts: 1, lockedUntil: new Date(clock.now().getTime() + 60_000) } });

    const log: string[] = [];
    const b = worker(recorder('b', log), 'b');
    b.notify('terminal:y');
    b.notify('terminal:z');
    await b.stop();
    expect(log).toEqual(['b:z-0']);

    clock.advance(61_000);
    const again = worker(recorder('b', log), 'b');
    again.notify('terminal:y');
    await again.idle();
    await again.stop();
    expect(log).toEqual(['b:z-0', 'b:y-0', 'b:y-1']);
  });
});
