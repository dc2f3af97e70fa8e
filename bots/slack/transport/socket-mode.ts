/**
 * Socket Mode (workspaces without a public URL, `SLACK_APP_TOKEN`). Slack pushes the same payloads over
 * a WebSocket; we acknowledge an envelope only after `intake.accept` resolved, so an event is never
 * acknowledged before it is stored. Unacknowledged envelopes are redelivered by Slack.
 */
import { SocketModeReceiver } from '@slack/bolt';
import { describeError, silentLogger, type SlackLogger } from '../logger.ts';
import type { NormaliseContext } from '../normalise/context.ts';
import { normaliseSlashCommand } from '../normalise/commands.ts';
import { normaliseEventsApi } from '../normalise/events.ts';
import { normaliseInteraction } from '../normalise/interactions.ts';
import { ignore, type Outcome } from '../normalise/outcome.ts';
import { toSdkLogger } from '../sdk-logger.ts';
import { runAfterAck, settle, type SettleDeps } from './settle.ts';

/** One delivery as `@slack/socket-mode` emits it (`slack_event`). */
export interface SocketModeDelivery {
  type: string;
  body: unknown;
  envelope_id?: string;
  retry_num?: number;
  ack(response?: Record<string, unknown>): Promise<void>;
}

/** The part of `SocketModeClient` we use; tests pass an EventEmitter-based fake. */
export interface SocketModeSource {
  on(event: 'slack_event', listener: (delivery: SocketModeDelivery) => void): unknown;
  start(): Promise<unknown>;
  disconnect(): Promise<void>;
}

export interface SocketModeOptions extends Omit<SettleDeps, 'logger'> {
  context: NormaliseContext;
  logger?: SlackLogger;
  source: SocketModeSource;
}

export interface SocketModeRunner {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function normaliseSocketDelivery(type: string, body: unknown, ctx: NormaliseContext): Outcome {
  switch (type) {
    case 'events_api':
      return normaliseEventsApi(body, ctx);
    case 'interactive':
      return normaliseInteraction(body, ctx);
    case 'slash_commands':
      return normaliseSlashCommand(body, ctx);
    default:
      return ignore(`socket mode ${type}`);
  }
}

/** Handles one delivery: normalise, store, then ack. Exported for tests; `runSocketMode` wires it. */
export async function handleSocketDelivery(delivery: SocketModeDelivery, options: SocketModeOptions): Promise<void> {
  const logger = options.logger ?? silentLogger;
  const settled = await settle(normaliseSocketDelivery(delivery.type, delivery.body, options.context), { ...options, logger }, delivery.retry_num);
  if (!settled.ok) return; // not acknowledged: Slack redelivers
  await delivery.ack(settled.body);
  runAfterAck(settled, logger);
}

export function runSocketMode(options: SocketModeOptions): SocketModeRunner {
  const logger = options.logger ?? silentLogger;
  options.source.on('slack_event', (delivery) => {
    handleSocketDelivery(delivery, options).catch((error: unknown) =>
      logger.error({ error: describeError(error) }, 'slack: socket mode delivery failed'),
    );
  });
  return {
    start: async () => {
      await options.source.start();
    },
    stop: () => options.source.disconnect(),
  };
}

/**
 * The real Socket Mode client. bolt's SocketModeReceiver owns one; we take its client and handle
 * `slack_event` ourselves, because bolt's App acknowledges Events API envelopes before any middleware
 * runs (an event would be acknowledged before it is stored). The receiver is never `init`ed with an
 * App, so its own listener is inert.
 */
export function createSocketModeSource(appToken: string, apiUrl: string, logger: SlackLogger): SocketModeSource {
  const receiver = new SocketModeReceiver({
    appToken,
    logger: toSdkLogger(logger, 'socket-mode'),
    installerOptions: { clientOptions: { slackApiUrl: apiUrl } },
  });
  return receiver.client as unknown as SocketModeSource;
}
