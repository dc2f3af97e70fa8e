/**
 * Assembles the Slack adapter: checks the token, then builds the sender (outbox side) and the
 * transport (HTTP router or Socket Mode). Reads like a table of contents; each part lives in its file.
 *
 * @example
 * const slack = await createSlackAdapter({ config, intake, logger, onAppHomeOpened });
 * if (slack.router) app.use('/slack', slack.router); // before any body parser
 * outbox.register(slack.sender);
 * await slack.start();
 */
import type { Router } from 'express';
import type { ChannelSender } from '../../core/model/delivery.ts';
import type { IntakePort } from '../../core/model/intake.ts';
import { systemNow, type Now } from './clock.ts';
import type { SlackConfig } from './config.ts';
import type { SlackLogger } from './logger.ts';
import type { NormaliseContext } from './normalise/context.ts';
import { renderNoteModal } from './render/note-modal.ts';
import { createSlackSender } from './send/sender.ts';
import { createWebClient, type SlackWebClient } from './send/web-client.ts';
import { verifyBotToken, type SlackIdentity } from './startup.ts';
import { createSlackRouter } from './transport/http.ts';
import { createSocketModeSource, runSocketMode, type SocketModeSource } from './transport/socket-mode.ts';

export interface SlackAdapterDeps {
  config: SlackConfig;
  intake: IntakePort;
  logger: SlackLogger;
  now?: Now;
  /** The core publishes the user's home view (`renderAppHome` + `publishAppHome(client, …)`). */
  onAppHomeOpened?: (userId: string, client: SlackWebClient) => Promise<void>;
  /** For tests: a prepared client / Socket Mode source instead of the real ones. */
  client?: SlackWebClient;
  socketSource?: SocketModeSource;
}

export interface SlackAdapter {
  identity: SlackIdentity;
  client: SlackWebClient;
  sender: ChannelSender;
  /** HTTP mode only: mount at `/slack` before any body parser. */
  router?: Router;
  /** Connects Socket Mode (no-op in HTTP mode). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createSlackAdapter(deps: SlackAdapterDeps): Promise<SlackAdapter> {
  const { config, intake, logger } = deps;
  const client = deps.client ?? createWebClient(config.botToken, { apiUrl: config.apiUrl, logger });
  const identity = await verifyBotToken(client);
  const context: NormaliseContext = {
    ...identity,
    teamId: config.teamId ?? identity.teamId,
    ...(config.agentChannelId && { agentChannelId: config.agentChannelId }),
    notePrefix: config.notePrefix,
    now: deps.now ?? systemNow,
  };
  const sender = createSlackSender({
    client,
    ...(config.agentChannelId && { agentChannelId: config.agentChannelId }),
    ...(config.leadChannelId && { leadChannelId: config.leadChannelId }),
    categories: config.categories,
    notePrefix: config.notePrefix,
    logger,
  });
  const hooks = {
    intake,
    logger,
    context,
    ...(deps.onAppHomeOpened && { onAppHomeOpened: (userId: string) => deps.onAppHomeOpened!(userId, client) }),
    openNoteModal: async ({ triggerId, channel, threadTs }: { triggerId: string; channel: string; threadTs: string }) => {
      await client.views.open({ trigger_id: triggerId, view: renderNoteModal(channel, threadTs) });
    },
  };
  logger.info({ mode: config.mode, team: context.teamId, triage: config.agentChannelId ?? null }, 'slack: token accepted');

  if (config.mode === 'socket') {
    const source = deps.socketSource ?? createSocketModeSource(config.appToken ?? '', config.apiUrl, logger);
    const runner = runSocketMode({ ...hooks, source });
    return { identity, client, sender, start: runner.start, stop: runner.stop };
  }
  const router = createSlackRouter({ ...hooks, signingSecret: config.signingSecret ?? '' });
  return { identity, client, sender, router, start: async () => undefined, stop: async () => undefined };
}
