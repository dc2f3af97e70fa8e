/**
 * Hand-written SQL for the hot infrastructure paths (inbox, outbox, leases), through the same Prisma
 * connection (so it joins the transaction it is called in). A model call costs about 0.7 ms of CPU in
 * Prisma 6's query compiler; a raw statement about 0.1-0.2 ms. Both providers understand these statements
 * (SQLite >= 3.35 for RETURNING): only placeholders and timestamps differ.
 */
import type { Provider, Tx } from './database.ts';

export type Runner = Pick<Tx, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** Writes `?` (SQLite) or `$n` (PostgreSQL) placeholders into a statement written with `?`. */
export function placeholders(provider: Provider, sql: string): string {
  if (provider !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * A timestamp parameter. Prisma stores SQLite DateTime as ISO-8601 text with `+00:00`; comparisons in SQL
 * must use the same text. PostgreSQL takes the Date (timestamp(3) columns).
 */
export function dbTime(provider: Provider, date: Date): string | Date {
  return provider === 'postgres' ? date : date.toISOString().replace('Z', '+00:00');
}

export class Sql {
  constructor(readonly provider: Provider) {}

  query<T = Record<string, unknown>>(runner: Runner, sql: string, ...params: unknown[]): Promise<T[]> {
    return runner.$queryRawUnsafe<T[]>(placeholders(this.provider, sql), ...params);
  }

  execute(runner: Runner, sql: string, ...params: unknown[]): Promise<number> {
    return runner.$executeRawUnsafe(placeholders(this.provider, sql), ...params);
  }

  time(date: Date): string | Date {
    return dbTime(this.provider, date);
  }
}

/** Integers from raw queries arrive as number, bigint or string depending on the driver. */
export function toInt(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

/**
 * The provider of a client, for code handed only the client (Prisma keeps it as `_activeProvider`:
 * 'sqlite' or 'postgresql'). Remembered per client: a property read through Prisma's transaction proxy
 * costs several microseconds, and the hot path asks for every statement.
 */
const providers = new WeakMap<object, Provider>();
export function providerOfClient(client: unknown): Provider {
  if (typeof client !== 'object' || client === null) return 'sqlite';
  let provider = providers.get(client);
  if (!provider) {
    const active = (client as { _activeProvider?: unknown })._activeProvider;
    provider = active === 'postgresql' || active === 'postgres' ? 'postgres' : 'sqlite';
    providers.set(client, provider);
  }
  return provider;
}

/**
 * `target` with its two raw-statement methods replaced (direct-sqlite.ts, direct-pg.ts run them on the
 * driver). The proxy wraps an empty object and forwards other reads to `target`: wrapping Prisma's own
 * proxy directly made every read pay for Prisma's getOwnPropertyDescriptor trap (the engine checks a
 * get trap's answer against the target's property), ~2 % of the service's CPU in a burst.
 */
export function withRaw<T extends Runner>(target: T, query: (sql: string, ...params: unknown[]) => Promise<unknown>, execute: (sql: string, ...params: unknown[]) => Promise<number>): T {
  return new Proxy({} as T, {
    get(_shell, property) {
      if (property === '$queryRawUnsafe') return query;
      if (property === '$executeRawUnsafe') return execute;
      return Reflect.get(target, property, target);
    },
    has(_shell, property) {
      return Reflect.has(target, property);
    },
  });
}
