/**
 * The logging surface the adapter needs; a pino logger satisfies it. Everything logged from this
 * adapter goes through `redactToken` first (see `api/errors.ts`), so the bot token never reaches a sink.
 */
import type { LogFn, PortLogger } from '../../core/log.ts';

export type { LogFn };
export type TelegramLogger = PortLogger;

const noop: LogFn = () => undefined;

/** For tests and tools that do not care about logs. */
export const silentLogger: TelegramLogger = { debug: noop, info: noop, warn: noop, error: noop };
