/**
 * Applies the committed migration SQL at start-up. Prisma's own `migrate deploy` needs the wasm engine,
 * which fails on PostgreSQL offline (prisma/orm#27403), so we apply the files ourselves.
 *
 * We keep Prisma's `_prisma_migrations` layout (name, sha-256 checksum, timestamps), so a user with internet
 * access can still run `prisma migrate deploy` against the same database. Each migration runs in its own
 * transaction; on PostgreSQL an advisory lock serialises instances that start together. A migration that was
 * applied with a different checksum stops start-up: someone edited history.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Reads `<dir>/<name>/migration.sql` in name order (names start with a timestamp). */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

const CREATE_TABLE_SQLITE = CREATE_TABLE.replaceAll('TIMESTAMPTZ', 'DATETIME').replace(
  'DEFAULT now()',
  'DEFAULT current_timestamp',
);

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

/** Returns the migrations still to apply; throws on a changed or half-applied migration. */
function pending(all: MigrationFile[], applied: AppliedRow[]): MigrationFile[] {
  const byName = new Map(applied.map((row) => [row.migration_name, row]));
  return all.filter((migration) => {
    const row = byName.get(migration.name);
    if (!row) return true;
    if (row.finished_at == null) {
      throw new MigrationError(`migration ${migration.name} started but did not finish; inspect the database`);
    }
    if (row.checksum !== migration.checksum) {
      throw new MigrationError(`migration ${migration.name} was changed after it was applied (checksum differs)`);
    }
    return false;
  });
}

/** Applies pending migrations to a SQLite database; returns the names applied. */
export function migrateSqlite(db: BetterSqlite3.Database, migrations: MigrationFile[]): string[] {
  db.exec(CREATE_TABLE_SQLITE);
  // BEGIN IMMEDIATE takes the write lock up front, so two processes starting together apply each file once.
  const run = db.transaction(() => {
    const applied = db.prepare('SELECT migration_name, checksum, finished_at FROM _prisma_migrations').all() as AppliedRow[];
    const todo = pending(migrations, applied);
    for (const migration of todo) {
      db.exec(migration.sql);
      db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
         VALUES (?, ?, current_timestamp, ?, 1, current_timestamp)`,
      ).run(randomUUID(), migration.checksum, migration.name);
    }
    return todo.map((m) => m.name);
  });
  return run.immediate();
}

/** A fixed key for pg_advisory_lock: instances starting together wait for each other. */
const ADVISORY_LOCK_KEY = 7_406_221_001;

/** Applies pending migrations to PostgreSQL under an advisory lock; returns the names applied. */
export async function migratePostgres(client: pg.ClientBase, migrations: MigrationFile[]): Promise<string[]> {
  await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
  try {
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<AppliedRow>('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"');
    const todo = pending(migrations, rows);
    for (const migration of todo) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
  }
}
