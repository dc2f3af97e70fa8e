/**
 * Opens the database named by `DATABASE_URL`: a SQLite file by default (nothing to install), PostgreSQL
 * for several instances. Pending migrations are applied first. Both providers are reached through Prisma
 * driver adapters and expose the same client API (the PostgreSQL schema is derived from the SQLite one).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient, type Prisma as PrismaNamespace } from '../../prisma/generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgres/client.ts';
import { migratePostgres, migrateSqlite, readMigrations } from './migrate.ts';
import { DirectSqlite } from './direct-sqlite.ts';
import { DirectPg } from './direct-pg.ts';
import { gateSqliteAdapter } from './sqlite-gate.ts';
import { providerOf, sqlitePath, type Provider } from './database-url.ts';

export { providerOf, sqlitePath };

/** The client type core code is written against. Both generated clients share this shape. */
export type Prisma = InstanceType<typeof SqliteClient>;
/** The client as seen inside `prisma.$transaction(async (tx) => ...)`. */
export type Tx = PrismaNamespace.TransactionClient;

export type { Provider } from './database-url.ts';

export interface Database {
  prisma: Prisma;
  provider: Provider;
  /** SQLite: runs a transaction's raw statements directly on the connection (see direct-sqlite.ts). */
  direct?: DirectSqlite;
  /** PostgreSQL: raw statements on the pg connection instead of through Prisma (see direct-pg.ts). */
  directPg?: DirectPg;
  /** Where the data lives, without credentials, for logs. */
  describe: string;
  close(): Promise<void>;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export { DEFAULT_SQLITE_PATH } from './database-url.ts';

/** Redacts the password of a connection URL for logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');
}

export interface OpenOptions {
  url?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  /** Told when the server drops an idle PostgreSQL connection (default: ignored; the pool reconnects). */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  return providerOf(options.url) === 'postgres'
    ? openPostgres(options.url!, options)
    : openSqlite(sqlitePath(options.url), options);
}

async function openSqlite(path: string, options: OpenOptions): Promise<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path, { timeout: 10_000 });
  try {
    // WAL lets readers proceed while one writer commits; NORMAL sync is durable across process crashes.
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    if (options.migrate !== false) migrateSqlite(raw, readMigrations(join(repoRoot, 'prisma/migrations')));
  } finally {
    raw.close();
  }
  const direct = new DirectSqlite();
  const adapter = direct.instrument(gateSqliteAdapter(new PrismaBetterSQLite3({ url: path, timeout: 10_000 })));
  const prisma = new SqliteClient({ adapter });
  await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  return { prisma, provider: 'sqlite', direct, describe: `sqlite:${path}`, close: () => prisma.$disconnect() };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  if (options.migrate !== false) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', options.onConnectionError ?? ignoreDroppedConnection);
    await client.connect();
    try {
      await migratePostgres(client, readMigrations(join(repoRoot, 'prisma/postgres/migrations')));
    } finally {
      await client.end();
    }
  }
  // A connection the server drops (restart, failover, admin) must not crash the process: the pool replaces
  // it and the next query reconnects. Without these listeners pg re-throws the error as uncaught.
  const directPg = new DirectPg(pg.types);
  const adapter = directPg.instrument(
    new PrismaPg(
      { connectionString: url, max: options.poolSize ?? 10 },
      { onPoolError: options.onConnectionError ?? ignoreDroppedConnection, onConnectionError: options.onConnectionError ?? ignoreDroppedConnection },
    ),
  );
  const prisma = new PostgresClient({ adapter }) as unknown as Prisma;
  return { prisma, provider: 'postgres', directPg, describe: redactUrl(url), close: () => prisma.$disconnect() };
}

function ignoreDroppedConnection(): void {
  // The pool discards the broken client by itself; queries in flight fail and are retried by their callers.
}
