// Runs on `npm install`: generates the Prisma clients for SQLite and PostgreSQL (prisma/generated/*).
// Offline-safe: prisma.config.ts selects the JS engine, so no engine binary is downloaded.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');

for (const target of ['sqlite', 'postgres']) {
  execFileSync(process.execPath, [prismaCli, 'generate'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PRISMA_TARGET: target, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}
