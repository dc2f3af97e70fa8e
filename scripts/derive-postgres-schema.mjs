// Derives prisma/postgres/schema.prisma from prisma/schema.prisma (the source of truth).
// A Prisma schema's provider is fixed, so each database needs its own file and generated client; only the
// provider, the client output folder and the placeholder url differ. test/store/schema-drift.test.ts fails
// when the committed derived file is out of date.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function derivePostgresSchema(source) {
  return source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:../data/frontline.db"', 'url      = "postgresql://postgres@127.0.0.1:5432/frontline"')
    .replace('output     = "./generated/sqlite"', 'output     = "../generated/postgres"')
    .replace(/^(\/\/.*\n)+/, '// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.mjs: edit the source, not this file.\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');
  mkdirSync(join(root, 'prisma/postgres'), { recursive: true });
  writeFileSync(join(root, 'prisma/postgres/schema.prisma'), derivePostgresSchema(source));
  console.log('wrote prisma/postgres/schema.prisma');
}
