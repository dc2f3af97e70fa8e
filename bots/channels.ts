/**
 * The messaging channels that are configured (by their tokens): Telegram and Slack. Each contributes a
 * sender (outbox side), an agent surface, HTTP routers (webhooks) and an intake loop (polling / Socket
 * Mode). A channel whose settings are wrong stops start-up with a clear message naming the setting.
 */
import type { Router } from 'express';
import type { Channel } from '../core/model/messages.ts';
import type { ChannelSender } from '../core/model/delivery.ts';
import type { IntakePort } from '../core/model/intake.ts';
import type { Logger } from '../core/log.ts';
import type { Clock } from '../core/clock.ts';
import type { Prisma } from '../core/store/database.ts';
import { ticketsOfIdentity } from '../core/tickets/requester-tickets.ts';
import { createSlackAdapter, parseSlackConfig, publishAppHome, renderAppHome } from './slack/index.ts';
import { createTelegramBot } from './telegram/bot.ts';
import { loadTelegramConfig } from './telegram/config.ts';
import type { Leadership } from '../core/lease/index.ts';

export interface ChannelSet {
  names: Channel[];
  senders: ChannelSender[];
  agentSurfaces: Channel[];
  /** The channel whose sender has a lead chat for SLA lead alerts (Telegram first), if any. */
  leadSurface: Channel | undefined;
  routers: Array<{ path: string; router: Router }>;
  /** Starts intake loops (Telegram polling, Slack Socket Mode). */
  start(): Promise<void>;
  /** Stops taking new updates. */
  stopIntake(): Promise<void>;
}

export interface ChannelDeps {
  log: Logger;
  clock: Clock;
  prisma: Prisma;
  /** Late-bound: the core is built after the channels (it needs their senders). */
  intake: IntakePort;
  ticketPrefix: string;
  /** Leadership through a database lease (core/lease): Telegram polls only while this instance leads. */
  leadership?: (name: string) => Leadership;
}

interface StartedChannel {
  name: Channel;
  sender: ChannelSender;
  agentSurface: boolean;
  leadChat: boolean;
  router?: { path: string; router: Router };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startChannels(env: Record<string, string | undefined>, deps: ChannelDeps): Promise<ChannelSet> {
  const started: StartedChannel[] = [];
  const telegram = startTelegram(env, deps);
  if (telegram) started.push(telegram);
  const slack = await startSlack(env, deps);
  if (slack) started.push(slack);
  return {
    names: started.map((c) => c.name),
    senders: started.map((c) => c.sender),
    agentSurfaces: started.filter((c) => c.agentSurface).map((c) => c.name),
    leadSurface: started.find((c) => c.leadChat)?.name,
    routers: started.flatMap((c) => (c.router ? [c.router] : [])),
    start: async () => {
      for (const channel of started) await channel.start();
    },
    stopIntake: async () => {
      await Promise.allSettled(started.map((c) => c.stop()));
    },
  };
}

async function startSlack(env: Record<string, string | undefined>, deps: ChannelDeps): Promise<StartedChannel | undefined> {
  const config = parseSlackConfig(env);
  if (!config) return undefined;
  const logger = deps.log.child({ channel: 'slack' });
  const adapter = await createSlackAdapter({
    config,
    intake: deps.intake,
    logger,
    now: () => deps.clock.now().getTime(),
    onAppHomeOpened: async (userId, client) => {
      const tickets = await ticketsOfIdentity(deps.prisma, 'slack', userId, deps.ticketPrefix);
      const language = tickets[0]?.language === 'ru' ? 'ru' : 'en';
      await publishAppHome(client, userId, renderAppHome(tickets, language));
    },
  });
  return {
    name: 'slack',
    sender: adapter.sender,
    agentSurface: Boolean(config.agentChannelId),
    leadChat: Boolean(config.leadChannelId),
    ...(adapter.router ? { router: { path: '/slack', router: adapter.router } } : {}),
    start: () => adapter.start(),
    stop: () => adapter.stop(),
  };
}

/** The lease whose holder polls Telegram (one poller among all instances; webhook mode needs none). */
export const TELEGRAM_POLLER_LEASE = 'telegram:poller';

function startTelegram(env: Record<string, string | undefined>, deps: ChannelDeps): StartedChannel | undefined {
  if (!env.TELEGRAM_BOT_TOKEN?.trim()) return undefined;
  const config = loadTelegramConfig(env);
  const bot = createTelegramBot(config, {
    intake: deps.intake,
    logger: deps.log.child({ channel: 'telegram' }),
    ...(deps.leadership ? { pollerLeadership: deps.leadership(TELEGRAM_POLLER_LEASE) } : {}),
  });
  return {
    name: 'telegram',
    sender: bot.sender,
    agentSurface: Boolean(config.agentChatId),
    leadChat: Boolean(config.leadChatId),
    ...(bot.webhookRouter ? { router: { path: '/', router: bot.webhookRouter } } : {}),
    start: () => bot.start(),
    stop: () => bot.stop(),
  };
}
