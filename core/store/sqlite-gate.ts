/**
 * Keeps statements outside a transaction out of other callers' open transactions on SQLite.
 *
 * Prisma's better-sqlite3 adapter has one connection per process. Its mutex covers only interactive
 * transactions: a plain statement issued while a transaction is open runs on the same connection, inside
 * that transaction, and disappears if the transaction rolls back. For us that would lose an inbound event
 * after the platform was told it was stored (test/store/sqlite-gate.test.ts shows it). The gate is one
 * more mutex, held from `startTransaction` until commit or rollback, that plain statements take too.
 * Code inside a transaction must use the transaction client (never the base client), or it would wait for
 * its own transaction to end.
 *
 * It also keeps a failed COMMIT or ROLLBACK from locking the connection for good. Prisma 6.19 ends a
 * transaction by running `COMMIT`/`ROLLBACK` and only then calling the adapter's commit()/rollback(),
 * which frees the adapter's own mutex. When SQLite has already rolled the transaction back by itself
 * (disk full, I/O error) that statement throws, the call never comes, and every later statement of the
 * process waits forever (test/store/sqlite-gate.test.ts). So: a ROLLBACK with nothing left to roll back
 * succeeds, and a COMMIT that fails rolls back and frees the connection before the error goes on.
 */

interface Queryable {
  queryRaw(query: unknown): Promise<unknown>;
  executeRaw(query: unknown): Promise<unknown>;
  executeScript?(script: string): Promise<void>;
  startTransaction(...args: unknown[]): Promise<unknown>;
}

interface TransactionLike {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  executeRaw(query: { sql: string }): Promise<number>;
  queryRaw(query: { sql: string }): Promise<unknown>;
}

/** The better-sqlite3 connection the adapter holds (`client`). */
interface Connection {
  inTransaction: boolean;
  prepare(sql: string): { run(): unknown };
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }
}

/** Wraps the adapter factory so every adapter it connects is gated. */
export function gateSqliteAdapter<F extends { connect(): Promise<unknown> }>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as Queryable;
    gate(adapter);
    return adapter;
  };
  return factory;
}

function gate(adapter: Queryable): void {
  const mutex = new Mutex();
  const exclusive =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await mutex.acquire();
      try {
        return await fn(...args);
      } finally {
        release();
      }
    };
  adapter.queryRaw = exclusive(adapter.queryRaw.bind(adapter));
  adapter.executeRaw = exclusive(adapter.executeRaw.bind(adapter));
  if (adapter.executeScript) adapter.executeScript = exclusive(adapter.executeScript.bind(adapter));
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args: unknown[]) => {
    const release = await mutex.acquire();
    let tx: TransactionLike;
    try {
      tx = (await start(...args)) as TransactionLike;
    } catch (error) {
      release();
      throw error;
    }
    let done = false;
    const end = (fn: () => Promise<void>) => async () => {
      try {
        await fn();
      } finally {
        if (!done) {
          done = true;
          release();
        }
      }
    };
    tx.commit = end(tx.commit.bind(tx));
    tx.rollback = end(tx.rollback.bind(tx));
    const connection = (adapter as { client?: Connection }).client;
    if (connection) endsSafely(tx, connection);
    return tx;
  };
}

function endsSafely(tx: TransactionLike, connection: Connection): void {
  // Any other statement once SQLite ended the transaction by itself would commit on its own, outside
  // the transaction it belongs to: refuse it (the caller's transaction then fails and is rolled back).
  const refuseOutside = (statement: string) => {
    if (!connection.inTransaction && statement !== 'COMMIT' && statement !== 'ROLLBACK') throw new Error('transaction already closed');
  };
  const queryRaw = tx.queryRaw.bind(tx);
  tx.queryRaw = async (query) => {
    refuseOutside(query.sql.trim().toUpperCase());
    return queryRaw(query);
  };
  const executeRaw = tx.executeRaw.bind(tx);
  tx.executeRaw = async (query) => {
    const statement = query.sql.trim().toUpperCase();
    if (statement === 'ROLLBACK' && !connection.inTransaction) return 0;
    refuseOutside(statement);
    try {
      return await executeRaw(query);
    } catch (error) {
      if (statement === 'COMMIT') {
        if (connection.inTransaction) {
          try {
            connection.prepare('ROLLBACK').run();
          } catch {
            // Nothing more can be undone; the error below is what the caller needs to hear.
          }
        }
        await tx.rollback();
      }
      throw error;
    }
  };
}
