/**
 * One bench run: database, fake Bot API, service instances, injection, kills, drain, verification.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startFakeTelegramApi, privateMessage, user, type FakeTelegramApi } from '../test/fakes/telegram-api/index.ts';
import type { BenchOptions } from './args.ts';
import { planMessages, rng } from './corpus.ts';
import { Fleet } from './fleet.ts';
import { openInspector, type Inspector } from './inspect.ts';
import { latencies } from './latency.ts';
import { percentile, type BenchResult } from './report.ts';
import { RoundRobinPusher } from './webhook.ts';

/** The lease whose holder polls Telegram (core/lease); the bench kills its holder first. */
export const LEADER_LEASE = 'telegram:poller';
const WEBHOOK_PATH = '/telegram/webhook';
const WEBHOOK_SECRET = 'bench_secret_0123456789';
const TELEGRAM_DEFAULTS = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 };

interface Arrival {
  chatId: string;
  at: number;
}

export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const database = await prepareDatabase(options.databaseUrl);
  const notes: string[] = [];
  const arrivals = new Map<string, Arrival>(); // externalId -> arrival
  const confirmed = new Set<string>();
  const pendingByUpdateId = new Map<number, string>(); // polling: update_id -> externalId, until confirmed
  let confirmedBelow = 0;

  const fake = await startFakeTelegramApi({
    ...(options.defaultLimits ? { rateLimits: TELEGRAM_DEFAULTS } : {}),
    ...(options.sendFailures > 0 ? { failures: { share: options.sendFailures, kinds: ['500', 'reset', '502-after'], methods: ['sendMessage'] } } : {}),
    seed: options.seed,
    onCall: (method, params) => {
      if (method !== 'getUpdates' || params['offset'] === undefined) return;
      const offset = Number(params['offset']);
      if (offset <= confirmedBelow) return;
      for (let id = confirmedBelow; id < offset; id++) {
        const externalId = pendingByUpdateId.get(id);
        if (externalId !== undefined) {
          confirmed.add(externalId);
          pendingByUpdateId.delete(id);
        }
      }
      confirmedBelow = offset;
    },
  });
  if (confirmedBelow === 0) confirmedBelow = fake.state.nextUpdateId;

  const fleet = new Fleet((_slot, port, instanceId) => serviceEnv(options, database.url, fake, port, instanceId));
  const inspector = await openInspectorWhenReady(database.url, fleet, options.instances);
  const pusher = options.webhook
    ? new RoundRobinPusher(
        { urls: () => fleet.instances.flatMap((i) => (i ? [i.url] : [])), secret: WEBHOOK_SECRET, path: WEBHOOK_PATH },
        (body) => confirmed.add(externalIdOf(body)),
      )
    : undefined;

  try {
    for (let slot = 1; slot < options.instances; slot++) await fleet.start(slot);
    log(`bench: ${options.instances} instance(s) up on ${database.describe}; injecting ${options.messages} messages from ${options.users} users`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let pollers/leases settle
    fleet.rebase();

    const plan = planMessages(options.messages, options.users, options.seed);
    let nextUpdateId = 1;
    const inject = (index: number) => {
      const item = plan[index]!;
      const from = user(item.userId, { language_code: item.language, first_name: `User${item.userId % 10_000}` });
      const chatId = String(item.userId);
      const messageId = fake.state.nextMessageId(chatId);
      const externalId = `m:${chatId}:${messageId}`;
      arrivals.set(externalId, { chatId, at: Date.now() });
      if (pusher) {
        pusher.push(chatId, { update_id: nextUpdateId++, ...privateMessage(from, messageId, { text: item.text }) });
      } else {
        const update = fake.enqueue(privateMessage(from, messageId, { text: item.text }));
        pendingByUpdateId.set(update.update_id, externalId);
      }
    };

    const started = Date.now();
    const injection = injectAll(plan.length, options.rate, inject);
    const killer = runKills(options, fleet, inspector, () => confirmed.size / options.messages, log);
    await injection;
    const complete = await waitDrained(options, inspector, () => confirmed.size, started, log);
    killer.stop();
    const kills = await killer.done;
    const usage = fleet.usage();
    const final = await inspector.final();
    const sentAt = new Map(fake.state.sent.map((m) => [`${m.chatId}:${m.messageId}`, m.at]));
    const timing = latencies({ arrivals, turns: await inspector.turns(), sentAt });
    const values = timing.answered;
    const sends = fake.state.sentByChat;
    const firstArrival = Math.min(...[...arrivals.values()].map((a) => a.at));
    const lastSend = Math.max(0, ...fake.state.sent.map((m) => m.at));
    const seconds = Math.max(0.001, (lastSend - firstArrival) / 1000);
    const lost = [...confirmed].filter((id) => !final.storedExternalIds.has(id)).length;
    const replies = fake.state.sent.length;
    const chats = new Set([...arrivals.values()].map((a) => a.chatId));
    const usersAnswered = [...chats].filter((chat) => (sends.get(chat)?.length ?? 0) > 0).length;
    const refused = (fake.calls.get('sendMessage') ?? 0) - replies;
    if (options.sendFailures > 0) notes.push(`sendMessage failures injected at ${options.sendFailures * 100}% (500, reset, 502 after sending)`);
    if (pusher) notes.push('webhook: 40 connections, one update per chat in flight, round robin over the instances');

    return {
      messages: options.messages,
      users: options.users,
      throughputPerSec: options.messages / seconds,
      p50Ms: percentile(values, 50),
      p99Ms: percentile(values, 99),
      cpuMsPerMessage: usage.cpuMs / options.messages,
      peakRssMb: usage.rssPeakMb,
      stored: final.stored,
      tickets: final.tickets,
      replies,
      lost,
      duplicated: final.duplicateRows,
      kills,
      details: {
        mode: options.webhook ? 'webhook' : 'polling',
        database: database.describe,
        instances: options.instances,
        rate: options.rate,
        seconds,
        confirmed: confirmed.size,
        usersAnswered,
        inboxByStatus: final.inboxByStatus,
        outboxSent: final.outboxSent,
        outboxDead: final.outboxDead,
        resent: Math.max(0, replies - final.outboxSent),
        inboundWithoutTicket: final.inboundWithoutTicket,
        telegram429: options.sendFailures > 0 ? 0 : refused,
        webhookRetries: pusher?.retries ?? 0,
        answeredTurns: timing.answered.length,
        silentTurns: timing.silent.length,
        silentP99Ms: percentile(timing.silent, 99),
        unmatchedTurns: timing.unmatched,
        cpuMs: usage.cpuMs,
        complete,
        notes,
      },
    };
  } finally {
    pusher?.stop();
    await fleet.stopAll();
    await inspector.close();
    await fake.close();
    await database.drop();
  }
}

function serviceEnv(options: BenchOptions, databaseUrl: string, fake: FakeTelegramApi, port: number, instanceId: string): Record<string, string> {
  const raised = { TELEGRAM_RATE_PER_CHAT_PER_SEC: '1000', TELEGRAM_RATE_PER_GROUP_PER_MIN: '100000', TELEGRAM_RATE_GLOBAL_PER_SEC: '100000' };
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    INSTANCE_ID: instanceId,
    LOG_LEVEL: 'warn',
    KNOWLEDGE_WATCH: 'false',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_POLL_TIMEOUT_SEC: '10',
    LEASE_TTL_MS: '3000', // a killed leader's lease is taken over within 3 s
    ...(options.defaultLimits ? {} : raised),
    ...(options.webhook ? { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET } : {}),
    ...options.env,
  };
}

function externalIdOf(body: Record<string, unknown>): string {
  const message = body['message'] as { chat: { id: number }; message_id: number };
  return `m:${message.chat.id}:${message.message_id}`;
}

/** Burst: everything now. Rate: on schedule, catching up in small batches (timers are coarse). */
async function injectAll(count: number, rate: number, inject: (index: number) => void): Promise<void> {
  if (rate <= 0) {
    for (let i = 0; i < count; i++) inject(i);
    return;
  }
  const started = Date.now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((Date.now() - started) / 1000) * rate) + 1);
    while (sent < due) inject(sent++);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Kills at random moments of the run (by progress), the lease holder first when there are several. */
function runKills(options: BenchOptions, fleet: Fleet, inspector: Inspector, progress: () => number, log: (line: string) => void) {
  const random = rng(options.seed + 7);
  // Kill moments: when 5-90 % of the updates were confirmed (intake keeps pace with processing).
  const thresholds = Array.from({ length: options.kill }, () => 0.05 + random() * 0.85).sort((a, b) => a - b);
  let stopped = false;
  let kills = 0;
  const done = (async () => {
    for (const threshold of thresholds) {
      while (!stopped && progress() < threshold) await new Promise((resolve) => setTimeout(resolve, 20));
      if (stopped) break;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 50)));
      const holder = options.instances > 1 ? await inspector.leaseHolder(LEADER_LEASE).catch(() => undefined) : undefined;
      const victim = fleet.instances.find((i) => i && i.instanceId === holder) ?? fleet.instances.find(Boolean);
      if (!victim) continue;
      const restarted = await fleet.killAndRestart(victim.slot);
      kills++;
      log(`bench: kill ${kills}: SIGKILL ${victim.instanceId}${victim.instanceId === holder ? ' (leader)' : ''} at ${(progress() * 100).toFixed(0)}%, restarted as ${restarted.instanceId}`);
    }
    return kills;
  })();
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}

async function waitDrained(options: BenchOptions, inspector: Inspector, confirmedCount: () => number, started: number, log: (line: string) => void): Promise<boolean> {
  const deadline = started + options.timeoutSec * 1000;
  let lastLog = Date.now();
  let quietSince = 0;
  while (Date.now() < deadline) {
    const p = await inspector.progress().catch(() => undefined);
    if (p) {
      const drained = confirmedCount() >= options.messages && p.inboxPending === 0 && p.outboxPending === 0 && p.stored >= options.messages;
      if (drained) {
        quietSince ||= Date.now();
        if (Date.now() - quietSince > 200) return true; // a send in flight is recorded after it returns
      } else quietSince = 0;
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        log(`bench: confirmed ${confirmedCount()}, stored ${p.stored}, inbox pending ${p.inboxPending}, outbox pending ${p.outboxPending}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function openInspectorWhenReady(url: string, fleet: Fleet, instances: number): Promise<Inspector> {
  if (instances > 0) await fleet.start(0); // the first instance migrates the database
  return openInspector(url);
}

interface BenchDatabase {
  url: string;
  describe: string;
  drop(): Promise<void>;
}

async function prepareDatabase(url: string | undefined): Promise<BenchDatabase> {
  if (!url || !/^postgres/.test(url)) {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-bench-'));
    const file = url ? url.replace(/^file:/, '') : join(dir, 'bench.db');
    return { url: `file:${file}`, describe: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `frontline_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return {
    url: parsed.toString(),
    describe: 'postgresql',
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
