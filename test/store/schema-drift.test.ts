/** The two providers' schemas and migrations must say the same thing. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { derivePostgresSchema } from '../../scripts/derive-postgres-schema.mjs';
import { createTestDatabase, postgresUrl } from '../support/databases.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const dirs = (path: string) => readdirSync(new URL(`../../${path}`, import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('schema drift', () => {
  it('keeps the committed PostgreSQL schema derived from the SQLite source', () => {
    expect(read('prisma/postgres/schema.prisma')).toBe(derivePostgresSchema(read('prisma/schema.prisma')));
  });

  it('has the same migrations for both providers', () => {
    expect(dirs('prisma/postgres/migrations')).toEqual(dirs('prisma/migrations'));
  });

  it.runIf(Boolean(postgresUrl))('creates the same tables and columns on SQLite and PostgreSQL', async () => {
    const sqlite = await createTestDatabase('sqlite');
    const pg = await createTestDatabase('postgres');
    try {
      const sqliteTables = await sqlite.prisma.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      );
      const sqliteColumns: string[] = [];
      for (const { name } of sqliteTables) {
        const columns = await sqlite.prisma.$queryRawUnsafe<Array<{ name: string; notnull: number | bigint }>>(`PRAGMA table_info("${name}")`);
        for (const c of columns) sqliteColumns.push(`${name}.${c.name}:${Number(c.notnull) ? 'required' : 'optional'}`);
      }
      const pgColumns = await pg.prisma.$queryRawUnsafe<Array<{ table_name: string; column_name: string; is_nullable: string }>>(
        `SELECT table_name::text AS table_name, column_name::text AS column_name, is_nullable::text AS is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      const pgList = pgColumns.map((c) => `${c.table_name}.${c.column_name}:${c.is_nullable === 'NO' ? 'required' : 'optional'}`);
      expect(pgList.sort()).toEqual(sqliteColumns.sort());
    } finally {
      await sqlite.destroy();
      await pg.destroy();
    }
  });
});
