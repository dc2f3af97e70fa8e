/**
 * Named leases in the `Lease` table: work only one instance may do at a time (polling Telegram), and
 * instance heartbeats. A lease is held until `expiresAt`; its holder renews it, anyone may take it once
 * it expired. Acquire and renew are one atomic upsert, so two instances never both get it.
 *
 * Times come from the instance's clock: keep the TTL well above the clock skew between machines.
 *
 * @example
 * const leases = new LeaseStore(db);
 * if (await leases.tryAcquire('telegram:poller', 'host-a-123', 10_000)) startPolling();
 */
import type { Database } from '../store/database.ts';
import { Sql } from '../store/sql.ts';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';

export class LeaseStore {
  private readonly sql: Sql;

  constructor(
    private readonly db: Pick<Database, 'prisma' | 'provider'>,
    private readonly clock: Clock = systemClock,
  ) {
    this.sql = new Sql(db.provider);
  }

  /** Takes the lease when it is free, expired or already ours, for `ttlMs` from now. True when held. */
  async tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.sql.query(
      this.db.prisma,
      `INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES (?, ?, ?)
       ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
       WHERE "Lease"."holder" = excluded."holder" OR "Lease"."expiresAt" < ?
       RETURNING "holder"`,
      name,
      holder,
      this.sql.time(new Date(now.getTime() + ttlMs)),
      this.sql.time(now),
    );
    return rows.length === 1;
  }

  /** Gives the lease up at once (graceful shutdown), so another instance need not wait for expiry. */
  async release(name: string, holder: string): Promise<void> {
    await this.sql.execute(this.db.prisma, `DELETE FROM "Lease" WHERE "name" = ? AND "holder" = ?`, name, holder);
  }

  /** The current holder, if the lease is held and not expired. */
  async holder(name: string): Promise<string | undefined> {
    const rows = await this.sql.query<{ holder: string }>(
      this.db.prisma,
      `SELECT "holder" FROM "Lease" WHERE "name" = ? AND "expiresAt" >= ?`,
      name,
      this.sql.time(this.clock.now()),
    );
    return rows[0]?.holder;
  }

  /** Holders of unexpired leases whose names start with `prefix`. */
  async liveHolders(prefix: string): Promise<string[]> {
    const rows = await this.sql.query<{ holder: string }>(
      this.db.prisma,
      `SELECT "holder" FROM "Lease" WHERE "name" LIKE ? AND "expiresAt" >= ?`,
      `${prefix}%`,
      this.sql.time(this.clock.now()),
    );
    return rows.map((r) => r.holder);
  }
}
