/**
 * `npm start`: reads the environment (and a `.env` file if present), starts the service, and shuts it
 * down gracefully on SIGTERM/SIGINT. A configuration error is printed plainly and exits with code 1.
 */
import { existsSync } from 'node:fs';
import { parseConfig, ConfigError } from '../core/config.ts';
import { startService } from './service.ts';
import { startWatchdog } from '../core/util/watchdog.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const service = await startService(config, { env: process.env });
  // After start-up: the first knowledge-base build blocks the event loop by design.
  const watchdog = config.watchdogMs > 0 ? startWatchdog(config.watchdogMs) : undefined;
  const shutdown = (signal: string) => {
    service.log.info({ signal }, 'signal received');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    service.stop().then(
      async () => {
        await watchdog?.stop();
        process.exit(0);
      },
      (error) => {
        service.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (error) => service.log.error({ err: error }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  console.error(`frontline failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
