/**
 * The outbox worker's own bookkeeping: an idle outbox polls at its interval whatever its concurrency (it
 * once rescheduled itself at once, forever), and a "sent" mark the database refused is written later
 * instead of being dropped (which would have sent the reply again after the claim expired).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOX_OPTIONS, OutboxWorker } from '../../core/outbox/worker.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { RecordingSender } from '../support/recording-sender.ts';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('idle outbox', () => {
  it.each([8, 32, 200, 256])('with %i sends in flight allowed, an empty outbox is asked only every poll interval', async (concurrency) => {
    db = await createTestDatabase('sqlite');
    let queries = 0;
    // Count the statements the worker runs (through Prisma here: no direct path for this client).
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property === '$queryRawUnsafe') {
          return (...args: Parameters<typeof target.$queryRawUnsafe>) => {
            queries += 1;
            return target.$queryRawUnsafe(...args);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const worker = new OutboxWorker({ ...db, prisma, direct: undefined }, [], new ManualClock(new Date('2026-03-02T10:00:00Z')), silentLogger, {
      ...DEFAULT_OUTBOX_OPTIONS,
      concurrency,
      pollIntervalMs: 100,
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await worker.stop();
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThanOrEqual(10);
  });

  it('writes a sent mark the database refused once, and sends nothing twice', async () => {
    db = await createTestDatabase('sqlite');
    let refused = 0;
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property === '$executeRawUnsafe') {
          return (sql: string, ...params: unknown[]) => {
            if (sql.includes(`"status" = 'sent'`) && refused === 0) {
              refused += 1;
              return Promise.reject(new Error('database is locked'));
            }
            return target.$executeRawUnsafe(sql, ...params);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const now = new Date('2026-03-02T10:00:00Z');
    const delivery = { kind: 'requester_reply', conversationKey: 'c1', reply: { text: 'hello' } };
    await db.prisma.outboxMessage.create({ data: { channel: 'telegram', orderKey: 'telegram:c1', payload: JSON.stringify(delivery), nextAttemptAt: now, createdAt: now } });
    const sender = new RecordingSender('telegram');
    const worker = new OutboxWorker({ ...db, prisma, direct: undefined }, [sender], new ManualClock(now), silentLogger, { ...DEFAULT_OUTBOX_OPTIONS, pollIntervalMs: 50 });
    worker.start();
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await db.prisma.outboxMessage.findFirstOrThrow()).status !== 'sent') await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.stop();
    expect(refused).toBe(1);
    expect((await db.prisma.outboxMessage.findFirstOrThrow()).status).toBe('sent');
    expect(sender.sent).toHaveLength(1);
  });
});
