/**
 * Telegram settings, validated once at start from the environment. Never echo the token: zod's
 * messages for it name the rule, not the value.
 *
 * @example
 * const config = loadTelegramConfig(process.env); // throws TelegramStartupError('invalid_config' | 'webhook_secret_missing')
 */
import { z } from 'zod';
import { DEFAULT_API_ROOT } from './api/bot-api.ts';
import { WEBHOOK_SECRET_PATTERN } from './intake/secret.ts';
import { DEFAULT_RATE_LIMITS, type TelegramRateLimits } from './send/limits.ts';
import { TelegramStartupError } from './startup/errors.ts';

const emptyAsUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const positive = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(fallback));

export const telegramEnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-DEF... (from @BotFather)'),
  TELEGRAM_API_ROOT: z.preprocess(emptyAsUndefined, z.url().default(DEFAULT_API_ROOT)),
  TELEGRAM_AGENT_CHAT_ID: optional(z.string().regex(/^-?\d+$/, 'must be a numeric chat id, e.g. -1001234567890')),
  /** 'auto' asks Telegram (getChat) whether the group is a forum. */
  TELEGRAM_AGENT_CHAT_FORUM: z.preprocess(emptyAsUndefined, z.enum(['auto', 'yes', 'no']).default('auto')),
  /** Where SLA lead alerts go (a team lead's chat or group), e.g. -1009876543210. */
  TELEGRAM_LEAD_CHAT_ID: optional(z.string().regex(/^-?\d+$/, 'must be a numeric chat id')),
  TELEGRAM_AGENT_NOTE_PREFIX: z.preprocess(emptyAsUndefined, z.string().default('//')),
  TELEGRAM_WEBHOOK_URL: optional(z.url({ protocol: /^https?$/ })),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(WEBHOOK_SECRET_PATTERN, 'must be 1-256 of A-Z a-z 0-9 _ -')),
  /** Route the webhook is served on; defaults to the path of TELEGRAM_WEBHOOK_URL. */
  TELEGRAM_WEBHOOK_PATH: optional(z.string().startsWith('/')),
  TELEGRAM_POLL_TIMEOUT_SEC: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(50).default(30)),
  TELEGRAM_POLL_GATHER_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(1000).default(10)),
  TELEGRAM_RATE_PER_CHAT_PER_SEC: positive(DEFAULT_RATE_LIMITS.perChatPerSecond),
  TELEGRAM_RATE_PER_GROUP_PER_MIN: positive(DEFAULT_RATE_LIMITS.perGroupPerMinute),
  TELEGRAM_RATE_GLOBAL_PER_SEC: positive(DEFAULT_RATE_LIMITS.globalPerSecond),
});

export interface TelegramConfig {
  token: string;
  apiRoot: string;
  agentChatId?: string;
  agentChatIsForum?: boolean;
  leadChatId?: string;
  notePrefix: string;
  transport: { mode: 'polling'; timeoutSec: number; gatherMs: number } | { mode: 'webhook'; url: string; path: string; secret: string };
  limits: TelegramRateLimits;
}

export function loadTelegramConfig(env: Record<string, string | undefined>): TelegramConfig {
  const parsed = telegramEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new TelegramStartupError('invalid_config', `Telegram configuration is invalid: ${problems}`);
  }
  const e = parsed.data;
  return {
    token: e.TELEGRAM_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    ...(e.TELEGRAM_AGENT_CHAT_ID ? { agentChatId: e.TELEGRAM_AGENT_CHAT_ID } : {}),
    ...(e.TELEGRAM_AGENT_CHAT_FORUM !== 'auto' ? { agentChatIsForum: e.TELEGRAM_AGENT_CHAT_FORUM === 'yes' } : {}),
    ...(e.TELEGRAM_LEAD_CHAT_ID ? { leadChatId: e.TELEGRAM_LEAD_CHAT_ID } : {}),
    notePrefix: e.TELEGRAM_AGENT_NOTE_PREFIX,
    transport: transportOf(e),
    limits: {
      perChatPerSecond: e.TELEGRAM_RATE_PER_CHAT_PER_SEC,
      perGroupPerMinute: e.TELEGRAM_RATE_PER_GROUP_PER_MIN,
      globalPerSecond: e.TELEGRAM_RATE_GLOBAL_PER_SEC,
    },
  };
}

function transportOf(e: z.infer<typeof telegramEnvSchema>): TelegramConfig['transport'] {
  if (!e.TELEGRAM_WEBHOOK_URL) return { mode: 'polling', timeoutSec: e.TELEGRAM_POLL_TIMEOUT_SEC, gatherMs: e.TELEGRAM_POLL_GATHER_MS };
  if (!e.TELEGRAM_WEBHOOK_SECRET) {
    throw new TelegramStartupError('webhook_secret_missing', 'TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: webhook mode refuses to start without a secret token');
  }
  const path = e.TELEGRAM_WEBHOOK_PATH ?? (new URL(e.TELEGRAM_WEBHOOK_URL).pathname || '/telegram/webhook');
  return { mode: 'webhook', url: e.TELEGRAM_WEBHOOK_URL, path, secret: e.TELEGRAM_WEBHOOK_SECRET };
}
