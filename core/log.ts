/**
 * Structured logs (pino). Secrets never reach a log line: known secret fields are censored by path, and
 * every string is scrubbed of token shapes (Telegram bot tokens, Slack xox*- tokens, OpenAI keys, bearer
 * tokens) in case one hides inside an error message or URL.
 */
import pino from 'pino';

export type Logger = pino.Logger;

/** The logging surface adapters need (a pino logger satisfies it), so they don't depend on pino. */
export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface PortLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const TOKEN_PATTERNS: RegExp[] = [
  /(?<!\d)\d{6,}:[\w-]{30,}/g, // Telegram bot token, also inside .../bot<token>/method URLs
  /\bxox[a-z]-[\w-]+/gi, // Slack tokens
  /\bxapp-[\w-]+/gi, // Slack app-level token
  /\bsk-[\w-]{16,}/g, // OpenAI-style keys
  /(bearer\s+)[\w.~+/-]{8,}=*/gi,
  /(\/\/[^:/@\s]+:)[^@/\s]+(?=@)/g, // passwords in URLs
];

export function redactSecrets(text: string): string {
  return TOKEN_PATTERNS.reduce((out, pattern) => out.replace(pattern, (_m, keep?: string) => `${typeof keep === 'string' ? keep : ''}[redacted]`), text);
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactSecrets(value.message), stack: value.stack ? redactSecrets(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: {
        paths: ['token', 'botToken', 'signingSecret', 'apiKey', 'password', 'authorization', '*.token', '*.botToken', '*.signingSecret', '*.apiKey', '*.authorization', 'req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrub(arg)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (error: unknown) => scrub(error) },
    },
    options.destination,
  );
}

/** A logger that writes nothing, for tests that don't look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
