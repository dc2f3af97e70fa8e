// Prisma CLI configuration for offline use: the JS engine with driver adapters, so `prisma generate` and
// `prisma migrate diff` never download a schema-engine binary (Prisma 6.19; see ARCHITECTURE.md).
// PRISMA_TARGET=postgres selects the derived PostgreSQL schema; the default is SQLite.
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const target = process.env.PRISMA_TARGET === 'postgres' ? 'postgres' : 'sqlite';
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: target === 'postgres' ? 'prisma/postgres/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: target === 'postgres' ? 'prisma/postgres/migrations' : 'prisma/migrations' },
  async adapter() {
    if (target === 'postgres') {
      return new PrismaPg({ connectionString: url ?? 'postgresql://postgres@127.0.0.1:5432/frontline' });
    }
    return new PrismaBetterSQLite3({ url: url?.replace(/^file:/, '') ?? 'data/frontline.db' });
  },
});
