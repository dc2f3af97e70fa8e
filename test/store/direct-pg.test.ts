/**
 * Raw statements on PostgreSQL's own connection (core/store/direct-pg.ts): inside a transaction they are
 * part of it, after it they refuse to run, and values come back as through Prisma whatever the process's
 * time zone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUrl, type TestDatabase } from '../support/databases.ts';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe.runIf(postgresUrl)('direct statements on PostgreSQL', () => {
  it('are part of the transaction they are bound to, and refuse to run after it', async () => {
    db = await createTestDatabase('postgres');
    let bound: Awaited<ReturnType<NonNullable<TestDatabase['directPg']>['bind']>> | undefined;
    const failed = await db.prisma
      .$transaction(async (prismaTx) => {
        const tx = await db!.directPg!.bind(prismaTx);
        bound = tx;
        expect(tx).not.toBe(prismaTx);
        await tx.$executeRawUnsafe('INSERT INTO "Counter" ("name", "value") VALUES ($1, $2)', 'inside', 1);
        // Visible inside the transaction, through Prisma on the same connection too.
        expect(await prismaTx.counter.count()).toBe(1);
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    expect(failed).toBe('roll back');
    expect(await db.prisma.counter.count()).toBe(0);
    await expect(bound!.$executeRawUnsafe('INSERT INTO "Counter" ("name", "value") VALUES ($1, $2)', 'late', 1)).rejects.toThrow(/already closed/);
    expect(await db.prisma.counter.count()).toBe(0);
  });

  it('refuse to run once the transaction timed out, even while its rollback is still under way', async () => {
    db = await createTestDatabase('postgres');
    const outcomes: string[] = [];
    const result = await db.prisma
      .$transaction(
        async (prismaTx) => {
          const tx = await db!.directPg!.bind(prismaTx);
          await tx.$queryRawUnsafe('SELECT pg_sleep(1.5)');
          for (const name of ['late-1', 'late-2']) {
            await tx
              .$executeRawUnsafe('INSERT INTO "Counter" ("name", "value") VALUES ($1, $2)', name, 1)
              .then(() => outcomes.push(`${name} ran`), () => outcomes.push(`${name} refused`));
          }
        },
        { timeout: 1000 },
      )
      .then(
        () => 'committed',
        () => 'failed',
      );
    expect(result).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outcomes).toEqual(['late-1 refused', 'late-2 refused']);
    expect(await db.prisma.counter.count()).toBe(0);
  });

  it('read and write timestamps as UTC and bigints as BigInt, in any time zone', async () => {
    db = await createTestDatabase('postgres');
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const runner = db.directPg!.outside(db.prisma);
      const at = new Date('2026-03-02T10:00:00.123Z');
      await runner.$executeRawUnsafe('INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES ($1, $2, $3)', 'tz', 'me', at);
      expect((await db.prisma.lease.findUniqueOrThrow({ where: { name: 'tz' } })).expiresAt).toEqual(at);
      const rows = await runner.$queryRawUnsafe<Array<{ expiresAt: Date; n: unknown }>>('SELECT "expiresAt", count(*) OVER () AS "n" FROM "Lease" WHERE "name" = $1', 'tz');
      expect(rows[0]!.expiresAt).toEqual(at);
      expect(rows[0]!.n).toBe(1n);
      const later = await runner.$queryRawUnsafe<Array<{ name: string }>>('SELECT "name" FROM "Lease" WHERE "expiresAt" > $1', new Date(at.getTime() - 1));
      expect(later.map((r) => r.name)).toEqual(['tz']);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
