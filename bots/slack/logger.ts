/**
 * The logging surface the Slack adapter needs; a pino logger satisfies it. Anything that may carry a
 * token (error messages from the Web API, request URLs) goes through `redactSecrets` first.
 */
import type { LogFn, PortLogger } from '../../core/log.ts';

export type { LogFn };
export type SlackLogger = PortLogger;

const noop: LogFn = () => undefined;

/** For tests and tools that do not care about logs. */
export const silentLogger: SlackLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** Slack tokens: xoxb- (bot), xoxp- (user), xapp- (app-level), xoxe- (refresh) and friends. */
const SLACK_TOKEN = /\bx(?:ox[a-z]|app)-[\w-]+/gi;

/**
 * Removes Slack tokens from a text meant for logs or error messages.
 *
 * @example redactSecrets('auth failed for xoxb-123-abc') // 'auth failed for xox?-[redacted]'
 */
export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  let out = text.replace(SLACK_TOKEN, 'xox?-[redacted]');
  for (const secret of extraSecrets) {
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/**
 * A readable, redacted description of anything thrown, with its causes (`cause`, and the SDK's
 * `original`), so "fetch failed" comes with the reason (ECONNRESET, timeout, ...).
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    const next = current as { original?: unknown; cause?: unknown };
    current = typeof current === 'object' ? (next.original ?? next.cause) : undefined;
  }
  return redactSecrets(parts.join(' <- '));
}
