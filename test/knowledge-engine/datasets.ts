/** Locates the shared datasets relative to the repository root (CI: ../shared/datasets). */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function datasetDir(name: string): string | undefined {
  const dir = resolve(repoRoot, '../shared/datasets', name);
  return existsSync(dir) ? dir : undefined;
}
