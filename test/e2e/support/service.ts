/**
 * Starts the real service (`startService(parseConfig(env))`) over a fresh test database, the way
 * `npm start` does, with test settings layered on top: PORT=0, no knowledge watching, silent logs
 * (E2E_LOG=debug shows them). `stop()` stops the service, then drops the database.
 */
import { parseConfig } from '../../../core/config.ts';
import { createLogger } from '../../../core/log.ts';
import type { Provider } from '../../../core/store/database.ts';
import { startService, type ServiceHandle } from '../../../bots/service.ts';
import { createTestDatabase } from '../../support/databases.ts';

export interface E2EService {
  service: ServiceHandle;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startE2EService(provider: Provider, extraEnv: Record<string, string>): Promise<E2EService> {
  const database = await createTestDatabase(provider);
  // The service opens its own connection from DATABASE_URL; ours is only needed to create and drop it.
  await database.close();
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_WATCH: 'false',
    LOG_LEVEL: process.env.E2E_LOG ?? 'silent',
    INSTANCE_ID: `e2e-${provider}`,
    ...extraEnv,
  };
  const log = createLogger({ level: env.LOG_LEVEL });
  let service: ServiceHandle;
  try {
    service = await startService(parseConfig(env), { env, log });
  } catch (error) {
    await database.destroy().catch(() => undefined);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    service,
    env,
    stop: () =>
      (stopped ??= (async () => {
        try {
          await service.stop();
        } finally {
          await database.destroy().catch(() => undefined);
        }
      })()),
  };
}

/** Bounded polling for an asynchronous outcome (sync or async predicate). */
export async function waitUntil(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
