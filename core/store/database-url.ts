/** What a `DATABASE_URL` names, without opening anything (config reads it too). */
import { isAbsolute, resolve } from 'node:path';

export type Provider = 'sqlite' | 'postgres';

export const DEFAULT_SQLITE_PATH = 'data/frontline.db';

export function providerOf(url: string | undefined): Provider {
  return url && /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** `file:data/x.db`, `data/x.db` or undefined -> an absolute file path (relative to the working directory). */
export function sqlitePath(url: string | undefined): string {
  const raw = (url ?? DEFAULT_SQLITE_PATH).replace(/^file:/, '');
  return isAbsolute(raw) ? raw : resolve(process.cwd(), raw);
}
