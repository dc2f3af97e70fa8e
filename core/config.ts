/**
 * The service's settings, parsed once from the environment at start-up into one typed object that is
 * passed down (nothing reads `process.env` deep inside). Channel settings (TELEGRAM_*, SLACK_*) are parsed
 * by their adapters, which are off when their token is unset. `.env.example` documents every variable.
 */
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_SLA_CONFIG, parseSlaConfig, type SlaSetup } from './sla/index.ts';
import type { Channel } from './model/messages.ts';
import { providerOf, sqlitePath } from './store/database-url.ts';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

// z.coerce.boolean() turns "false" into true; spell the accepted values out instead.
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const agentSchema = z.object({
  name: z.string().min(1).max(120),
  role: z.enum(['agent', 'lead', 'admin']).default('agent'),
  telegram: z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()]).optional(),
  slack: z.string().regex(/^[UW][A-Z0-9]{2,}$/).optional(),
});

const envSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().trim().default('127.0.0.1'),
  DATABASE_URL: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_TOKEN: optional.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  TICKET_PREFIX: z.string().trim().regex(/^[A-Z]{1,5}$/, 'must be 1-5 capital letters').default('FL'),
  REOPEN_WINDOW_HOURS: int(72, 0, 24 * 365),
  KNOWLEDGE_DIR: optional,
  KNOWLEDGE_WATCH: flag(true),
  FRONTLINE_AGENTS: optional,
  SLA_CONFIG: optional,
  INSTANCE_ID: optional,
  INBOX_CONCURRENCY: int(4, 1, 64),
  INBOX_BATCH_MAX: int(64, 1, 1000),
  INBOX_JOURNAL_PATH: optional,
  WATCHDOG_MS: int(60_000, 0, 3_600_000),
  OUTBOX_CONCURRENCY: int(32, 1, 256),
  DB_POOL_SIZE: int(10, 1, 200),
  AUTO_REGISTER_SLACK_AGENTS: flag(true),
  AUTO_REGISTER_TELEGRAM_AGENTS: flag(false),
});

export interface AgentSeed {
  name: string;
  role: 'agent' | 'lead' | 'admin';
  identities: Array<{ channel: Channel; externalUserId: string }>;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  logLevel: string;
  /** Bearer token for the REST API; without it the API answers loopback callers only. */
  apiToken: string | undefined;
  ticketPrefix: string;
  reopenWindowMs: number;
  knowledgeDir: string | undefined;
  knowledgeWatch: boolean;
  agents: AgentSeed[];
  sla: SlaSetup;
  instanceId: string;
  inboxConcurrency: number;
  inboxBatchMax: number;
  /** Events in flight, for crash accounting (core/inbox/crash-journal.ts); default next to the SQLite file. */
  inboxJournalPath: string | undefined;
  /** The process ends itself when its event loop is blocked this long (core/util/watchdog.ts); 0: off. */
  watchdogMs: number;
  outboxConcurrency: number;
  dbPoolSize: number;
  autoRegisterAgents: Channel[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (!e.API_TOKEN && !['127.0.0.1', '::1', 'localhost'].includes(e.HOST)) {
    throw new ConfigError(`Invalid configuration:\n  API_TOKEN: required when HOST (${e.HOST}) is not a loopback address`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    apiToken: e.API_TOKEN,
    ticketPrefix: e.TICKET_PREFIX,
    reopenWindowMs: e.REOPEN_WINDOW_HOURS * 3600_000,
    knowledgeDir: e.KNOWLEDGE_DIR,
    knowledgeWatch: e.KNOWLEDGE_WATCH,
    agents: parseAgents(e.FRONTLINE_AGENTS),
    sla: parseSla(e.SLA_CONFIG),
    instanceId: e.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    inboxConcurrency: e.INBOX_CONCURRENCY,
    inboxBatchMax: e.INBOX_BATCH_MAX,
    inboxJournalPath: e.INBOX_JOURNAL_PATH ?? defaultJournalPath(e.DATABASE_URL),
    watchdogMs: e.WATCHDOG_MS,
    outboxConcurrency: e.OUTBOX_CONCURRENCY,
    dbPoolSize: e.DB_POOL_SIZE,
    autoRegisterAgents: [...(e.AUTO_REGISTER_SLACK_AGENTS ? ['slack' as const] : []), ...(e.AUTO_REGISTER_TELEGRAM_AGENTS ? ['telegram' as const] : [])],
  };
}

/** `FRONTLINE_AGENTS`: a JSON array, e.g. `[{"name":"Bob","telegram":123456,"slack":"U0123ABC"}]`. */
function parseAgents(raw: string | undefined): AgentSeed[] {
  if (!raw) return [];
  const list = z.array(agentSchema).safeParse(parseJson(raw, 'FRONTLINE_AGENTS'));
  if (!list.success) throw new ConfigError(`FRONTLINE_AGENTS: ${z.prettifyError(list.error)}`);
  return list.data.map((a) => ({
    name: a.name,
    role: a.role,
    identities: [
      ...(a.telegram !== undefined ? [{ channel: 'telegram' as const, externalUserId: String(a.telegram) }] : []),
      ...(a.slack ? [{ channel: 'slack' as const, externalUserId: a.slack }] : []),
    ],
  }));
}

/** `SLA_CONFIG`: inline JSON, or a path to a JSON file (see core/sla/sla-config.ts for the shape). */
function parseSla(raw: string | undefined): SlaSetup {
  if (!raw) return parseSlaConfig(DEFAULT_SLA_CONFIG);
  const text = raw.startsWith('{') ? raw : readSlaFile(raw);
  try {
    return parseSlaConfig(parseJson(text, 'SLA_CONFIG'), 'SLA_CONFIG');
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}

function readSlaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`SLA_CONFIG: cannot read ${path}: ${(error as Error).message}`);
  }
}

function parseJson(text: string, setting: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${setting}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * SQLite: next to the database file (files `<path>.<host>.<pid>`, one per process). PostgreSQL: none by
 * default (instances usually run on several machines, each with its own disk); set a local path.
 */
function defaultJournalPath(databaseUrl: string | undefined): string | undefined {
  if (providerOf(databaseUrl) === 'postgres') return undefined;
  const path = sqlitePath(databaseUrl);
  return path === ':memory:' || path.endsWith('/:memory:') ? undefined : `${path}.inbox-journal`;
}
