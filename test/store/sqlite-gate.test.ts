/**
 * On SQLite a statement outside a transaction must not join another caller's open transaction: if that
 * transaction rolls back, an already-acknowledged write would vanish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';

describe('SQLite connection gate', () => {
  let db: TestDatabase;
  afterEach(async () => {
    await db.destroy();
  });

  it('keeps a write made while another transaction is open when that transaction rolls back', async () => {
    db = await createTestDatabase('sqlite');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const failing = db.prisma
      .$transaction(async (tx) => {
        await tx.lease.create({ data: { name: 'inside', holder: 'a', expiresAt: new Date() } });
        inside();
        await gate;
        throw new Error('processing failed');
      })
      .catch((error: Error) => error.message);
    await started;
    // Like an intake insert arriving mid-transaction: it must wait, then commit on its own.
    const outside = db.prisma.lease.create({ data: { name: 'outside', holder: 'b', expiresAt: new Date() } });
    // Without the gate the insert completes here, inside the open transaction; with it, it waits.
    const finishedEarly = await Promise.race([outside.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 300))]);
    expect(finishedEarly).toBe(false);
    release();
    expect(await failing).toBe('processing failed');
    await outside;
    expect((await db.prisma.lease.findMany()).map((row) => row.name)).toEqual(['outside']);
  });

  /** Resolves false if the statement does not finish within a second (the connection is stuck). */
  async function answers(): Promise<boolean> {
    const query = db.prisma.$queryRawUnsafe('SELECT 1 AS "one"').then(() => true);
    return Promise.race([query, new Promise<boolean>((r) => setTimeout(() => r(false), 1000))]);
  }

  it('frees the connection when SQLite already rolled the transaction back by itself', async () => {
    db = await createTestDatabase('sqlite');
    const failed = await db.prisma
      .$transaction(async (prismaTx) => {
        const tx = db.direct!.bind(prismaTx);
        await tx.$executeRawUnsafe('INSERT INTO "Counter" ("name", "value") VALUES (?, 1)', 'gone');
        // What SQLite does on disk full or an I/O error: the transaction ends underneath the caller.
        await tx.$executeRawUnsafe('ROLLBACK');
        throw new Error('write failed');
      })
      .catch((error: Error) => error.message);
    expect(failed).toBe('write failed');
    expect(await answers()).toBe(true);
    expect(await db.prisma.counter.count()).toBe(0);
  });

  it('refuses model calls of a transaction SQLite already rolled back, so they cannot commit on their own', async () => {
    db = await createTestDatabase('sqlite');
    await db.prisma
      .$transaction(async (prismaTx) => {
        await db.direct!.bind(prismaTx).$executeRawUnsafe('ROLLBACK');
        // Handler code that swallowed the first error and carried on:
        await prismaTx.counter.create({ data: { name: 'stray', value: 1 } }).catch(() => undefined);
        await prismaTx.counter.findMany().catch(() => undefined);
      })
      .catch(() => undefined);
    expect(await answers()).toBe(true);
    expect(await db.prisma.counter.count()).toBe(0);
  });

  it('frees the connection and keeps nothing when COMMIT itself fails', async () => {
    db = await createTestDatabase('sqlite');
    const failed = await db.prisma
      .$transaction(async (tx) => {
        await tx.counter.create({ data: { name: 'half', value: 1 } });
        // A deferred foreign key is checked at COMMIT, which then fails with the transaction still open.
        await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
        await tx.$executeRawUnsafe('INSERT INTO "Identity" ("id", "requesterId", "channel", "externalUserId", "createdAt") VALUES (?, ?, ?, ?, ?)', 'i1', 'nobody', 'telegram', '1', '2026-01-01T00:00:00.000+00:00');
      })
      .then(() => 'committed')
      .catch((error: Error) => error.message);
    expect(failed).toMatch(/foreign ?key/i);
    expect(await answers()).toBe(true);
    expect(await db.prisma.counter.count()).toBe(0);
    await db.prisma.counter.create({ data: { name: 'after', value: 1 } });
    expect((await db.prisma.counter.findMany()).map((c) => c.name)).toEqual(['after']);
  });
});
