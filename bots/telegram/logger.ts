/**
 * The logging surface the adapter needs; a pino logger satisfies it. Everything logged from this
 * adapter goes through `redactToken` first (see `api/errors.ts`), so the bot token never reaches a sink.
 */
export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface TelegramLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const noop: LogFn = () => undefined;

/** For tests and tools that do not care about logs. */
export const silentLogger: TelegramLogger = { debug: noop, info: noop, warn: noop, error: noop };
