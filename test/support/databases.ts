/**
 * Real databases for tests: a fresh SQLite file per test, and, when TEST_POSTGRES_URL is set (CI sets
 * it), a fresh PostgreSQL database per test too. Suites run `forEachDatabase(...)` so every repository
 * test runs on both providers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Provider } from '../../core/store/database.ts';

export const postgresUrl = process.env.TEST_POSTGRES_URL;

export const providers: Provider[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends Database {
  url: string;
  destroy(): Promise<void>;
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-test-'));
    const url = `file:${join(dir, 'test.db')}`;
    const db = await openDatabase({ url });
    return { ...db, url, destroy: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  if (!postgresUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `frontline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(postgresUrl, name);
  const db = await openDatabase({ url, poolSize: 5 });
  return {
    ...db,
    url,
    destroy: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      cleanup.on('error', () => {});
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
