/**
 * The real service as child processes (bench/fleet.ts) against the fake Bot API, with what the fake
 * confirmed (getUpdates offsets) tracked, and the database read back (bench/inspect.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startFakeTelegramApi, user, type FakeTelegramApi } from '../fakes/telegram-api/index.ts';
import { Fleet } from '../../bench/fleet.ts';
import { openInspector, type Inspector } from '../../bench/inspect.ts';

export interface Rig {
  fake: FakeTelegramApi;
  fleet: Fleet;
  databaseUrl: string;
  inspector(): Promise<Inspector>;
  /** External ids of updates the fake saw confirmed (offset moved past them). */
  confirmed: Set<string>;
  say(userId: number, text: string): string;
  waitUntil(predicate: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function createRig(options: { postgres?: string; env?: Record<string, string> } = {}): Promise<Rig> {
  const database = await freshDatabase(options.postgres);
  const pending = new Map<number, string>();
  const confirmed = new Set<string>();
  const fake = await startFakeTelegramApi({
    onCall: (method, params) => {
      if (method !== 'getUpdates' || params['offset'] === undefined) return;
      const offset = Number(params['offset']);
      for (const [id, externalId] of pending) {
        if (id < offset) {
          confirmed.add(externalId);
          pending.delete(id);
        }
      }
    },
  });
  const fleet = new Fleet((_slot, port, instanceId) => ({
    DATABASE_URL: database.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    INSTANCE_ID: instanceId,
    LOG_LEVEL: 'warn',
    KNOWLEDGE_WATCH: 'false',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_POLL_TIMEOUT_SEC: '5',
    TELEGRAM_RATE_PER_CHAT_PER_SEC: '1000',
    TELEGRAM_RATE_GLOBAL_PER_SEC: '100000',
    LEASE_TTL_MS: '1500',
    ...options.env,
  }));
  let inspector: Inspector | undefined;
  return {
    fake,
    fleet,
    databaseUrl: database.url,
    confirmed,
    async inspector() {
      inspector ??= await openInspector(database.url);
      return inspector;
    },
    say(userId, text) {
      const chatId = String(userId);
      const update = fake.userSays(user(userId, { language_code: userId % 2 ? 'ru' : 'en' }), text);
      const externalId = `m:${chatId}:${(update['message'] as { message_id: number }).message_id}`;
      pending.set(update.update_id, externalId);
      return externalId;
    },
    async waitUntil(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!(await predicate())) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await fleet.stopAll();
      await inspector?.close();
      await fake.close();
      await database.drop();
    },
  };
}

/** Everything stored was processed and every reply sent. */
export async function drained(rig: Rig, expected: number): Promise<boolean> {
  const p = await (await rig.inspector()).progress();
  return rig.confirmed.size >= expected && p.stored >= expected && p.inboxPending === 0 && p.outboxPending === 0;
}

async function freshDatabase(postgres: string | undefined): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgres) {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-reliability-'));
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `frontline_rel_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgres });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgres);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgres });
      client.on('error', () => {});
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export const QUESTIONS = ['VPN does not connect', 'не работает принтер', 'forgot my password', 'нет звука в тимсе', 'outlook asks for password'];
