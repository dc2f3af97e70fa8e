/**
 * Raw statements on PostgreSQL run on the pg connection itself instead of through Prisma: a raw query
 * through Prisma 6's client engine costs ~0.2-0.3 ms of CPU (request serialisation, query compilation,
 * result mapping) against ~0.05 ms for a pg query, and a message takes about fifteen of them. The
 * PostgreSQL counterpart of direct-sqlite.ts.
 *
 * - Inside a Prisma transaction (`bind`): the transaction's own pooled connection, found by its backend
 *   pid (asked once through Prisma, or returned by the transaction's first statement), so the statements
 *   are part of that transaction; they fail once the transaction has ended instead of running outside it.
 * - Outside (`outside`): the adapter's pool, each statement committing on its own as through Prisma.
 *
 * Results are shaped like Prisma's raw results: `timestamp` columns as UTC Dates (pg would read them as
 * local time), `bigint` as BigInt; Date parameters are sent as UTC timestamps.
 */
import type pg from 'pg';
import { withRaw, type Runner } from './sql.ts';

interface OpenTransaction {
  client: pg.PoolClient;
}

/** Statements prepared by name (per connection, by pg); beyond this many distinct texts, unnamed. */
const NAMED_MAX = 300;

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

export class DirectPg {
  private pool: pg.Pool | undefined;
  private readonly open = new Map<number, OpenTransaction>();
  private readonly names = new Map<string, string>();
  private readonly types = {
    getTypeParser: (oid: number, format?: string): ((value: string) => unknown) => {
      if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
      if (oid === INT8_OID) return (value: string) => BigInt(value);
      return this.pgTypes!.getTypeParser(oid, format as 'text');
    },
  };

  constructor(private readonly pgTypes: typeof pg.types) {}

  /** Wraps the factory of Prisma's pg adapter to learn its pool and its transactions' connections. */
  instrument<F extends { connect(): Promise<unknown> }>(factory: F): F {
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = (await connect()) as { client: pg.Pool; startTransaction(...args: unknown[]): Promise<unknown> };
      this.pool = adapter.client;
      const start = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (...args: unknown[]) => {
        const tx = (await start(...args)) as {
          client: pg.PoolClient & { processID?: number };
          commit(): Promise<void>;
          rollback(): Promise<void>;
          executeRaw(query: { sql: string }): Promise<number>;
        };
        const pid = tx.client.processID;
        if (pid === undefined) return tx;
        const open: OpenTransaction = { client: tx.client };
        this.open.set(pid, open);
        const forget = () => {
          if (this.open.get(pid) === open) this.open.delete(pid);
        };
        // Prisma ends a transaction by running COMMIT/ROLLBACK on its connection and only then calling
        // commit()/rollback(); a statement queued on the connection after that COMMIT/ROLLBACK would run
        // outside the transaction (e.g. after a timeout), so the transaction counts as ended from then on.
        const executeRaw = tx.executeRaw.bind(tx);
        tx.executeRaw = (query) => {
          if (/^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql)) forget();
          return executeRaw(query);
        };
        const end = (fn: () => Promise<void>) => () => {
          forget();
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

  /** The transaction client with `$queryRawUnsafe` / `$executeRawUnsafe` run on its own connection. */
  async bind<T extends Runner>(tx: T): Promise<T> {
    const rows = await tx.$queryRawUnsafe<Array<{ pid: number }>>('SELECT pg_backend_pid() AS "pid"');
    return this.bindPid(tx, Number(rows[0]?.pid));
  }

  /**
   * As `bind`, for a caller that already learnt the transaction's backend pid through Prisma (e.g. its
   * first statement returned `pg_backend_pid()`), saving a round trip.
   */
  bindPid<T extends Runner>(tx: T, pid: number): T {
    const open = this.open.get(pid);
    if (!open) return tx;
    const check = () => {
      if (this.open.get(pid) !== open) throw new Error('transaction already closed');
    };
    return withRaw(
      tx,
      async (sql, ...params) => {
        check();
        return (await this.run(open.client, sql, params)).rows;
      },
      async (sql, ...params) => {
        check();
        return (await this.run(open.client, sql, params)).rowCount ?? 0;
      },
    );
  }

  /** The client with raw statements run on the pool (each commits on its own, as through Prisma). */
  outside<T extends Runner>(client: T): T {
    return withRaw(
      client,
      async (sql, ...params) => (this.pool ? (await this.run(this.pool, sql, params)).rows : client.$queryRawUnsafe(sql, ...params)),
      async (sql, ...params) => (this.pool ? ((await this.run(this.pool, sql, params)).rowCount ?? 0) : client.$executeRawUnsafe(sql, ...params)),
    );
  }

  private run(target: pg.Pool | pg.PoolClient, text: string, params: unknown[]): Promise<pg.QueryResult<Record<string, unknown>>> {
    return target.query<Record<string, unknown>>({ text, values: params.map(param), types: this.types, ...this.nameOf(text) });
  }

  private nameOf(text: string): { name?: string } {
    let name = this.names.get(text);
    if (!name && this.names.size < NAMED_MAX) {
      name = `fl_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name ? { name } : {};
  }
}

/** Dates as UTC `timestamp` text (pg would send local time with an offset, which PostgreSQL drops). */
function param(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '');
  if (value === undefined) return null;
  return value;
}
