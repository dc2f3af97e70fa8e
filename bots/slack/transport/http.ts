/**
 * Express router for Slack's HTTP deliveries: Events API (JSON), interactivity (form field `payload`)
 * and slash commands (form fields). Mount it BEFORE any body parser: the signature covers the raw bytes.
 *
 * @example app.use('/slack', createSlackRouter({ signingSecret, intake, context, logger }))
 * // Request URLs in the manifest: /slack/events, /slack/interactivity, /slack/commands
 */
import express, { type Request, type Response, type Router } from 'express';
import { describeError, silentLogger, type SlackLogger } from '../logger.ts';
import type { NormaliseContext } from '../normalise/context.ts';
import { normaliseSlashCommand } from '../normalise/commands.ts';
import { normaliseEventsApi } from '../normalise/events.ts';
import { normaliseInteraction } from '../normalise/interactions.ts';
import { ignore, type Outcome } from '../normalise/outcome.ts';
import { createSignatureVerifier } from './signature.ts';
import { runAfterAck, settle, type SettleDeps } from './settle.ts';

export interface SlackRouterOptions extends Omit<SettleDeps, 'logger'> {
  signingSecret: string;
  context: NormaliseContext;
  logger?: SlackLogger;
  /** Largest accepted body; Slack payloads with 40,000-character texts are well below. */
  bodyLimit?: string;
}

export function createSlackRouter(options: SlackRouterOptions): Router {
  const logger = options.logger ?? silentLogger;
  const verifier = createSignatureVerifier(options.signingSecret, options.context.now);
  const deps: SettleDeps = { ...options, logger };
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: options.bodyLimit ?? '2mb' }));

  const handle = async (req: Request, res: Response): Promise<void> => {
    if (!Buffer.isBuffer(req.body)) {
      logger.error({}, 'slack: body already parsed; mount the Slack router before any body parser');
      res.status(500).end();
      return;
    }
    const check = verifier.verify(
      { timestamp: req.get('x-slack-request-timestamp'), signature: req.get('x-slack-signature') },
      req.body,
    );
    if (!check.ok) {
      logger.warn({ reason: check.reason, path: req.path }, 'slack: request refused');
      res.status(401).json({ error: 'invalid_signature' });
      return;
    }
    const retryHeader = req.get('x-slack-retry-num');
    const retryNum = retryHeader === undefined ? undefined : Number(retryHeader);
    const settled = await settle(parseAndNormalise(req, options.context), deps, retryNum);
    if (!settled.ok) {
      res.status(500).json({ error: 'not_stored' });
      return;
    }
    if (settled.body) res.status(200).json(settled.body);
    else res.status(200).end();
    runAfterAck(settled, logger);
  };

  router.post(['/events', '/interactivity', '/commands', '/'], (req, res, next) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ error: describeError(error) }, 'slack: request failed');
      next(error);
    });
  });
  return router;
}

/** Detects the kind of delivery from its body (Slack may point all three URLs at one path). */
function parseAndNormalise(req: Request, ctx: NormaliseContext): Outcome {
  const raw = (req.body as Buffer).toString('utf8');
  const type = req.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      return normaliseEventsApi(JSON.parse(raw), ctx);
    } catch {
      return ignore('unparseable JSON');
    }
  }
  const form = Object.fromEntries(new URLSearchParams(raw));
  if (form.payload !== undefined) {
    try {
      return normaliseInteraction(JSON.parse(form.payload), ctx);
    } catch {
      return ignore('unparseable interaction payload');
    }
  }
  if (form.ssl_check !== undefined) return ignore('ssl_check');
  if (form.command !== undefined) return normaliseSlashCommand(form, ctx);
  return ignore('unknown form body');
}
