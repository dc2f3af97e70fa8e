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
});
