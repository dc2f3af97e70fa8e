/**
 * Webhook transport: `POST <path>` with `X-Telegram-Bot-Api-Secret-Token`. The secret is checked before
 * the body is read (missing or wrong -> 401, nothing stored); the answer is 200 only after the update
 * is stored, so Telegram redelivers anything we failed to keep (500).
 *
 * @example
 * app.use(createWebhookRouter({ path: '/telegram/webhook', secret, handleUpdate, logger }));
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { describeError } from '../api/errors.ts';
import type { TelegramLogger } from '../logger.ts';
import type { UpdateHandler } from './handle-update.ts';
import { secretMatches, WEBHOOK_SECRET_PATTERN } from './secret.ts';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface WebhookOptions {
  secret: string;
  handleUpdate: UpdateHandler;
  /** False while the bot is starting (answered 503, Telegram retries). Default: always ready. */
  ready?: () => boolean;
  logger: TelegramLogger;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
}

export function createWebhookRouter(options: WebhookOptions & { path: string }): Router {
  const router = express.Router();
  router.post(options.path, createWebhookHandler(options));
  return router;
}

export function createWebhookHandler(options: WebhookOptions): RequestHandler {
  if (!WEBHOOK_SECRET_PATTERN.test(options.secret)) {
    throw new WebhookConfigError('Telegram webhook mode needs TELEGRAM_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)');
  }
  const maxBytes = options.maxBodyBytes ?? 1024 * 1024;
  const ready = options.ready ?? (() => true);

  return async (req, res) => {
    if (!secretMatches(options.secret, req.get(SECRET_HEADER))) {
      options.logger.warn({ ip: req.ip }, 'telegram webhook: missing or wrong secret token');
      res.sendStatus(401);
      return;
    }
    let update: unknown;
    try {
      update = await readJson(req, maxBytes);
    } catch (error) {
      res.sendStatus(error instanceof BodyTooLargeError ? 413 : 400);
      return;
    }
    if (!update || typeof update !== 'object' || Array.isArray(update)) {
      res.sendStatus(400);
      return;
    }
    if (!ready()) {
      res.sendStatus(503);
      return;
    }
    try {
      await options.handleUpdate(update);
      res.sendStatus(200);
    } catch (error) {
      options.logger.error({ detail: describeError(error) }, 'telegram webhook: update not stored; Telegram will retry');
      res.sendStatus(500);
    }
  };
}

class BodyTooLargeError extends Error {}

/** The body as JSON, whether or not a body parser ran before us. */
async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8'));
  if (typeof body === 'string') return JSON.parse(body);
  if (body !== undefined && body !== null && typeof body === 'object') return body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
