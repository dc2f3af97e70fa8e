/**
 * Raw statements of a processing transaction on SQLite, run directly on the connection Prisma's driver
 * adapter opened, instead of through Prisma (which compiles and prepares every statement anew: ~0.2-0.3 ms
 * of CPU each, against a few microseconds for a cached prepared statement). The transaction itself is still
 * Prisma's (`$transaction` holds the adapter's mutex, so nothing else runs on the connection meanwhile);
 * model calls on the transaction still go through Prisma. A statement runs only while that transaction is
 * the connection's open one: after a timeout or rollback it fails instead of running outside it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { withRaw, type Runner } from './sql.ts';

type Statement = BetterSqlite3.Statement<unknown[], Record<string, unknown>>;

interface OpenTransaction {
  closed: boolean;
}

const CACHE_MAX = 500;

export class DirectSqlite {
  private connection: BetterSqlite3.Database | undefined;
  private open: OpenTransaction | undefined;
  private readonly statements = new Map<string, { statement: Statement; dates: string[]; booleans: string[] }>();

  /** Wraps the factory of Prisma's SQLite adapter to learn its connection and its transactions' ends. */
  instrument<F extends { connect(): Promise<unknown> }>(factory: F): F {
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = (await connect()) as { client: BetterSqlite3.Database; startTransaction(...args: unknown[]): Promise<unknown> };
      this.connection = adapter.client;
      this.statements.clear();
      const start = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (...args: unknown[]) => {
        const tx = (await start(...args)) as { commit(): Promise<void>; rollback(): Promise<void> };
        const open: OpenTransaction = { closed: false };
        this.open = open;
        const end = (fn: () => Promise<void>) => () => {
          open.closed = true;
          if (this.open === open) this.open = undefined;
          return fn();
        };
        tx.commit = end(tx.commit.bind(tx));
        tx.rollback = end(tx.rollback.bind(tx));
        return tx;
      };
      return adapter;
    };
    return factory;
  }

  /**
   * The transaction client with `$queryRawUnsafe` / `$executeRawUnsafe` run directly. Call at the start of
   * the `$transaction` callback: the connection's open transaction then is this one.
   */
  /**
   * The client with `$queryRawUnsafe` / `$executeRawUnsafe` run directly while no transaction is open on
   * the connection (each statement then commits on its own, as it would through Prisma); while one is
   * open or starting they go through Prisma as before, so they never join another caller's transaction.
   */
  outside<T extends Runner>(client: T): T {
    const idle = () => this.connection !== undefined && this.open === undefined && !this.connection.inTransaction;
    const query = (sql: string, ...params: unknown[]) => {
      if (!idle()) return client.$queryRawUnsafe(sql, ...params);
      try {
        return Promise.resolve(this.all(sql, params));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    const execute = (sql: string, ...params: unknown[]) => {
      if (!idle()) return client.$executeRawUnsafe(sql, ...params);
      try {
        return Promise.resolve(this.run(sql, params));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return withRaw(client, query, execute);
  }

  bind<T extends Runner>(tx: T): T {
    const open = this.open;
    if (!open || !this.connection) return tx;
    const check = () => {
      // Also when SQLite ended it by itself (disk full, I/O error, a stray ROLLBACK): a statement would
      // otherwise commit on its own, outside the transaction it belongs to.
      if (open.closed || this.open !== open || !this.connection?.inTransaction) throw new Error('transaction already closed');
    };
    const query = (sql: string, ...params: unknown[]) => {
      try {
        check();
        return Promise.resolve(this.all(sql, params));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    const execute = (sql: string, ...params: unknown[]) => {
      try {
        check();
        return Promise.resolve(this.run(sql, params));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return withRaw(tx, query, execute);
  }

  /** The statements prepared so far (for query-plan checks: test/store/query-plans.test.ts). */
  preparedSql(): string[] {
    return [...this.statements.keys()];
  }

  private prepared(sql: string) {
    let entry = this.statements.get(sql);
    if (!entry) {
      const statement = this.connection!.prepare<unknown[], Record<string, unknown>>(sql);
      statement.safeIntegers(false);
      const columns = statement.reader ? statement.columns() : [];
      const type = (t: string | null) => (t ?? '').toUpperCase();
      entry = {
        statement,
        dates: columns.filter((c) => ['DATETIME', 'TIMESTAMP'].includes(type(c.type))).map((c) => c.name),
        booleans: columns.filter((c) => type(c.type) === 'BOOLEAN').map((c) => c.name),
      };
      if (this.statements.size >= CACHE_MAX) this.statements.clear();
      this.statements.set(sql, entry);
    }
    return entry;
  }

  private all(sql: string, params: unknown[]): Array<Record<string, unknown>> {
    const { statement, dates, booleans } = this.prepared(sql);
    if (!statement.reader) {
      statement.run(...params.map(param));
      return [];
    }
    const rows = statement.all(...params.map(param));
    if (dates.length || booleans.length) {
      for (const row of rows) {
        for (const name of dates) row[name] = toDate(row[name]);
        for (const name of booleans) if (row[name] !== null && row[name] !== undefined) row[name] = Boolean(row[name]);
      }
    }
    return rows;
  }

  private run(sql: string, params: unknown[]): number {
    const { statement } = this.prepared(sql);
    return statement.run(...params.map(param)).changes;
  }
}

/** Parameters as Prisma's adapter writes them (ISO-8601 with `+00:00`, booleans as 0/1). */
function param(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

/** Stored timestamps: ISO-8601 text (Prisma), `YYYY-MM-DD HH:MM:SS` (SQLite's CURRENT_TIMESTAMP, UTC) or epoch ms. */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  return new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}
