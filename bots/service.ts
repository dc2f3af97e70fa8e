/**
 * Starts the whole service from a parsed Config: database (migrated), knowledge base (watched), SLA,
 * core workers, channels that have tokens, and the HTTP server. `stop()` shuts down in order: stop intake
 * (HTTP, polling), let work in flight finish, flush the outbox for a bounded time, close the database.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../core/config.ts';
import { openDatabase, type Database } from '../core/store/database.ts';
import { createLogger, type Logger } from '../core/log.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { createFrontline, type Frontline } from '../core/frontline.ts';
import { createSlaPort } from '../core/sla/index.ts';
import { registerSweepMetrics } from '../core/escalation/index.ts';
import { kpiRouter, registerKpiMetrics } from '../core/kpi/index.ts';
import { upsertAgent } from '../core/agents/resolve-agent.ts';
import type { Channel } from '../core/model/messages.ts';
import type { ChannelSender } from '../core/model/delivery.ts';
import type { IntakePort } from '../core/model/intake.ts';
import { LiveKnowledge } from '../knowledge/live-knowledge.ts';
import { defaultArticlesDir } from '../knowledge/loader/index.ts';
import { createApp } from './http/app.ts';
import { createMetricsRegistry } from './http/metrics.ts';
import { terminalSender } from './terminal/terminal-sender.ts';
import { startChannels, type ChannelSet } from './channels.ts';
import { Heartbeat, Leadership, LeaseStore, parseLeaseSettings } from '../core/lease/index.ts';

export interface ServiceHandle {
  url: string;
  db: Database;
  core: Frontline;
  log: Logger;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  env: Record<string, string | undefined>;
  clock?: Clock;
  log?: Logger;
  /** Extra senders (tests). */
  senders?: ChannelSender[];
}

const SHUTDOWN_FLUSH_MS = 5_000;

export async function startService(config: Config, options: ServiceOptions): Promise<ServiceHandle> {
  const log = options.log ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const db = await openDatabase({ url: config.databaseUrl, poolSize: config.dbPoolSize });
  log.info({ database: db.describe }, 'database ready');
  await seedAgents(db, config);

  const knowledge = LiveKnowledge.load(config.knowledgeDir ?? defaultArticlesDir(), log.child({ part: 'knowledge' }));
  if (config.knowledgeWatch) knowledge.watch();

  // The channels need the intake to hand updates to, and the core needs the channels' senders.
  let core: Frontline | undefined;
  const intake: IntakePort = {
    accept: async (event) => {
      if (!core) throw new Error('intake used before the core was ready');
      return core.intake.accept(event);
    },
  };
  // Leases (core/lease): only the holder of 'telegram:poller' polls Telegram; heartbeats let the others
  // free sends claimed by an instance that died. Lease time is wall-clock time, whatever `clock` is.
  const leaseSettings = parseLeaseSettings(options.env);
  const leases = new LeaseStore(db);
  const heartbeat = new Heartbeat(leases, config.instanceId, leaseSettings.ttlMs, log);
  heartbeat.start();
  const leadership = (name: string) => new Leadership(leases, { name, holder: config.instanceId, ttlMs: leaseSettings.ttlMs }, log);
  const channels: ChannelSet = await startChannels(options.env, { log, clock, prisma: db.prisma, intake, ticketPrefix: config.ticketPrefix, leadership });
  const agentSurfaces: Channel[] = channels.agentSurfaces;
  const sla = createSlaPort(config.sla, clock);
  const metrics = createMetricsRegistry(db.prisma);
  registerKpiMetrics(metrics, db.prisma, clock);
  core = createFrontline({
    db,
    kb: knowledge,
    sla,
    slaSweep: { sla, metrics: registerSweepMetrics(metrics), ...(channels.leadSurface ? { leadSurface: channels.leadSurface } : {}) },
    clock,
    log,
    senders: [terminalSender, ...channels.senders, ...(options.senders ?? [])],
    agentSurfaces,
    autoRegisterAgents: ['web', ...config.autoRegisterAgents],
    dialogue: { ticketPrefix: config.ticketPrefix, reopenWindowMs: config.reopenWindowMs },
    inbox: { instanceId: config.instanceId, concurrency: config.inboxConcurrency, batchMax: config.inboxBatchMax, ...(config.inboxJournalPath ? { journalPath: config.inboxJournalPath } : {}) },
    outbox: { instanceId: config.instanceId, concurrency: config.outboxConcurrency, liveInstances: () => heartbeat.alive() },
  });

  const app = createApp({
    db,
    core,
    log,
    metrics,
    apiToken: config.apiToken,
    ticketPrefix: config.ticketPrefix,
    knowledgeArticles: () => knowledge.articleCount,
    channelRouters: channels.routers,
    apiRouters: [kpiRouter({ prisma: db.prisma, clock })],
  });
  const server = await listen(app, config.port, config.host);
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  core.start();
  await channels.start();
  log.info({ url, channels: channels.names, agentSurfaces }, 'frontline is running');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down');
      await channels.stopIntake();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.inbox.stop();
      await flushOutbox(core, SHUTDOWN_FLUSH_MS);
      await core.outbox.stop();
      await heartbeat.stop();
      await knowledge.close();
      await db.close();
      log.info('stopped');
    })());
  return { url, db, core, log, stop };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

/** Sends what is due before exit, for at most `ms`; anything left stays in the outbox for the next start. */
async function flushOutbox(core: Frontline, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && (await core.outbox.pass()) > 0);
}

async function seedAgents(db: Database, config: Config): Promise<void> {
  for (const agent of config.agents) {
    await db.prisma.$transaction((tx) => upsertAgent(tx, agent));
  }
}
