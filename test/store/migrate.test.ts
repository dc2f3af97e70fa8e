/** The migrator: applies once, refuses edited history, and two instances starting together are safe. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migratePostgres, migrateSqlite, readMigrations, MigrationError } from '../../core/store/migrate.ts';
import { postgresUrl } from '../support/databases.ts';

const sqliteMigrations = readMigrations(new URL('../../prisma/migrations', import.meta.url).pathname);
const pgMigrations = readMigrations(new URL('../../prisma/postgres/migrations', import.meta.url).pathname);

describe('migrations on SQLite', () => {
  it('applies pending migrations once, and refuses a migration edited after it was applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-migrate-'));
    try {
      const db = new BetterSqlite3(join(dir, 'm.db'));
      expect(migrateSqlite(db, sqliteMigrations)).toEqual(sqliteMigrations.map((m) => m.name));
      expect(migrateSqlite(db, sqliteMigrations)).toEqual([]);
      const edited = sqliteMigrations.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
      expect(() => migrateSqlite(db, edited)).toThrow(MigrationError);
      expect(() => migrateSqlite(db, edited)).toThrow(/changed after it was applied/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls back a failing migration entirely', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-migrate-'));
    try {
      const db = new BetterSqlite3(join(dir, 'm.db'));
      const broken = [...sqliteMigrations, { name: '99990101000000_broken', sql: 'CREATE TABLE ok (id INTEGER); CREATE TABLE (', checksum: 'x' }];
      expect(() => migrateSqlite(db, broken)).toThrow();
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ok'`).all();
      expect(tables).toHaveLength(0);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(Boolean(postgresUrl))('migrations on PostgreSQL', () => {
  it('lets two instances start together: each migration applied exactly once', async () => {
    const name = `frontline_mig_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    const clients = [new pg.Client({ connectionString: url.toString() }), new pg.Client({ connectionString: url.toString() })];
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const applied = await Promise.all(clients.map((c) => migratePostgres(c, pgMigrations)));
      expect(applied.flat().sort()).toEqual(pgMigrations.map((m) => m.name).sort());
      const { rows } = await clients[0]!.query('SELECT migration_name FROM "_prisma_migrations"');
      expect(rows).toHaveLength(pgMigrations.length);
      expect(await migratePostgres(clients[1]!, pgMigrations)).toEqual([]);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
