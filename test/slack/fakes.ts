/**
 * Test doubles for ports the Slack adapter does not own: an in-memory IntakePort that records and
 * deduplicates by (channel, externalId), and an in-memory SendContext link store.
 */
import express, { type Express } from 'express';
import type { SendContext } from '../../core/model/delivery.ts';
import type { IntakeEvent, IntakePort, IntakeResult } from '../../core/model/intake.ts';
import { signRaw } from '../../bots/slack/transport/signature.ts';

export function externalIdOf(event: IntakeEvent): string {
  return event.kind === 'requester' ? event.message.externalId : event.command.externalId;
}

export class MemoryIntake implements IntakePort {
  readonly stored: IntakeEvent[] = [];
  calls = 0;
  private readonly keys = new Set<string>();

  constructor(private readonly options: { delayMs?: number; failWith?: Error } = {}) {}

  async accept(event: IntakeEvent): Promise<IntakeResult> {
    this.calls += 1;
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    if (this.options.failWith) throw this.options.failWith;
    const channel = event.kind === 'requester' ? event.message.channel : event.command.channel;
    const key = `${channel}:${externalIdOf(event)}`;
    if (this.keys.has(key)) return { stored: false, duplicate: true, inboxId: key };
    this.keys.add(key);
    this.stored.push(event);
    return { stored: true, duplicate: false, inboxId: key };
  }
}

export class MemoryLinks implements SendContext {
  readonly links = new Map<string, string>();
  outboxId = 'outbox-1';
  async getLink(ticketId: string, surface: string): Promise<string | undefined> {
    return this.links.get(`${surface}:${ticketId}`);
  }
  async setLink(ticketId: string, surface: string, ref: string): Promise<void> {
    this.links.set(`${surface}:${ticketId}`, ref);
  }
}

export const SECRET = 'test-signing-secret-0123456789';
export const NOW_MS = 1_700_000_000_000;
export const nowSeconds = (): string => String(Math.floor(NOW_MS / 1000));

/** Headers Slack would send for this raw body. */
export function slackHeaders(
  rawBody: string,
  options: { timestamp?: string; contentType?: string; secret?: string } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? nowSeconds();
  return {
    'content-type': options.contentType ?? 'application/json',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signRaw(options.secret ?? SECRET, timestamp, rawBody),
  };
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export const FORM = 'application/x-www-form-urlencoded';

/**
 * An express app with the router under /slack. `ackTimes`, when given, receives each request's time
 * from arrival at the server to the response being sent: the acknowledgement time Slack sees, without
 * the test client's own queueing (the client runs in the same process and event loop).
 */
export function appWith(router: express.Router, ackTimes?: number[]): Express {
  const app = express();
  if (ackTimes) {
    app.use((_req, res, next) => {
      const started = performance.now();
      res.on('finish', () => ackTimes.push(performance.now() - started));
      next();
    });
  }
  app.use('/slack', router);
  return app;
}

export function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.99) - 1] ?? Number.NaN;
}
