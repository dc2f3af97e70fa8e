/**
 * The Telegram adapter, assembled. Each line points at the file that does the work:
 *
 *   updates in   -> normalise/update.ts (Update -> IntakeEvent) -> intake/handle-update.ts (store, then ack)
 *                   via intake/polling.ts (offset moves only past stored updates) or intake/webhook.ts (secret, 2xx after store)
 *   replies out  -> send/sender.ts (ChannelSender) -> render/*.ts (HTML, split, keyboards, ticket cards)
 *                   -> send/chat-poster.ts (rate limits, 429) and send/agent-surface.ts (topic/thread per ticket)
 *   start        -> startup/verify-token.ts (getMe), startup/commands.ts (en/ru menu), startup/agent-chat.ts (forum?)
 *
 * @example
 * const bot = createTelegramBot(loadTelegramConfig(process.env), { intake, logger });
 * outboxWorker.register(bot.sender);
 * if (bot.webhookRouter) app.use(bot.webhookRouter);
 * await bot.start();
 * // ... on shutdown:
 * await bot.stop();
 */
import type { Router } from 'express';
import type { ChannelSender } from '../../core/model/delivery.ts';
import type { IntakePort } from '../../core/model/intake.ts';
import { BotApi } from './api/bot-api.ts';
import { systemClock, type Clock } from './clock.ts';
import type { TelegramConfig } from './config.ts';
import { createUpdateHandler } from './intake/handle-update.ts';
import { ALLOWED_UPDATES, startPolling, type PollingHandle } from './intake/polling.ts';
import { createWebhookRouter } from './intake/webhook.ts';
import type { TelegramLogger } from './logger.ts';
import type { NormaliseOptions } from './normalise/options.ts';
import { createTelegramSender } from './send/sender.ts';
import { inspectAgentChat } from './startup/agent-chat.ts';
import { registerCommands } from './startup/commands.ts';
import { verifyToken } from './startup/verify-token.ts';

export interface TelegramBotDeps {
  intake: IntakePort;
  logger: TelegramLogger;
  clock?: Clock;
  /**
   * Polling mode with several instances: poll only while holding this lease (core/lease Leadership);
   * without it the bot polls as soon as it starts.
   */
  pollerLeadership?: {
    start(task: { onElected(): Promise<void> | void; onDeposed(): Promise<void> | void }): void;
    stop(): Promise<void>;
  };
}

export interface TelegramBot {
  /** Register with the outbox worker for channel 'telegram'. */
  sender: ChannelSender;
  /** Webhook mode only: mount on the HTTP app. Answers 503 until `start()` finished. */
  webhookRouter?: Router;
  /** Checks the token, registers commands, then starts polling or sets the webhook. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTelegramBot(config: TelegramConfig, deps: TelegramBotDeps): TelegramBot {
  const clock = deps.clock ?? systemClock;
  const api = new BotApi({ token: config.token, apiRoot: config.apiRoot });
  const normalise: NormaliseOptions = {
    notePrefix: config.notePrefix,
    now: () => new Date(clock.now()),
    ...(config.agentChatId ? { agentChatId: config.agentChatId } : {}),
  };
  const handleUpdate = createUpdateHandler({ intake: deps.intake, normalise: () => normalise, api, logger: deps.logger });
  const sender = createTelegramSender({ api, clock, logger: deps.logger, limits: config.limits, ...agentOptions(config) });
  const transport = config.transport;
  let started = false;
  let polling: PollingHandle | undefined;

  const webhookRouter =
    transport.mode === 'webhook'
      ? createWebhookRouter({ path: transport.path, secret: transport.secret, handleUpdate, logger: deps.logger, ready: () => started })
      : undefined;

  async function start(): Promise<void> {
    const me = await verifyToken(api, config.apiRoot);
    normalise.botId = me.id;
    deps.logger.info({ bot: me.username, mode: transport.mode }, 'telegram: token accepted');
    await registerCommands(api);
    if (config.agentChatId) await inspectAgentChat(api, config.agentChatId, deps.logger);
    if (transport.mode === 'webhook') {
      started = true;
      await api.call('setWebhook', { url: transport.url, secret_token: transport.secret, allowed_updates: [...ALLOWED_UPDATES] });
    } else {
      await api.call('deleteWebhook', { drop_pending_updates: false });
      const beginPolling = () => {
        polling ??= startPolling({ api, handleUpdate, logger: deps.logger, clock, timeoutSec: transport.timeoutSec, gatherMs: transport.gatherMs });
      };
      if (deps.pollerLeadership) deps.pollerLeadership.start({ onElected: beginPolling, onDeposed: endPolling });
      else beginPolling();
      started = true;
    }
  }

  async function endPolling(): Promise<void> {
    const running = polling;
    polling = undefined;
    await running?.stop();
  }

  async function stop(): Promise<void> {
    started = false;
    await deps.pollerLeadership?.stop(); // stops polling if leading, and hands the lease over at once
    await endPolling();
  }

  return { sender, start, stop, ...(webhookRouter ? { webhookRouter } : {}) };
}

function agentOptions(config: TelegramConfig): { agentChatId?: string; agentChatIsForum?: boolean; leadChatId?: string } {
  return {
    ...(config.leadChatId ? { leadChatId: config.leadChatId } : {}),
    ...(config.agentChatId ? { agentChatId: config.agentChatId } : {}),
    ...(config.agentChatIsForum !== undefined ? { agentChatIsForum: config.agentChatIsForum } : {}),
  };
}
