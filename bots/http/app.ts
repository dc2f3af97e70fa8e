/**
 * The express app: health, metrics, the REST API (bearer token), the terminal channel, and whatever
 * channel routers the adapters mount (Telegram webhook, Slack events). Exported as a factory so tests
 * call it in-process without a fixed port.
 */
import express, { type Router } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import type { Database } from '../../core/store/database.ts';
import type { Frontline } from '../../core/frontline.ts';
import type { Logger } from '../../core/log.ts';
import { AppError } from '../../core/model/errors.ts';
import { requireApiAuth } from './auth.ts';
import { errorHandler } from './errors.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { terminalRoutes } from './routes/terminal.ts';

export interface AppDeps {
  db: Database;
  core: Frontline;
  log: Logger;
  metrics: Registry;
  apiToken: string | undefined;
  ticketPrefix: string;
  knowledgeArticles: () => number;
  /** Routers mounted before the JSON body parser: webhooks that verify signatures over the raw body. */
  channelRouters?: Array<{ path: string; router: Router }>;
  /** Extra API routers (KPIs), mounted under /api behind auth. */
  apiRouters?: Router[];
}

const BODY_LIMIT = '1mb';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());

  for (const { path, router } of deps.channelRouters ?? []) app.use(path, router);

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.db.prisma.$queryRawUnsafe('SELECT 1');
      res.json({ status: 'ok', database: deps.db.provider, knowledgeArticles: deps.knowledgeArticles() });
    } catch {
      res.status(503).json({ status: 'unavailable', database: deps.db.provider });
    }
  });

  // Metrics reveal business figures and cost queries: same auth as the API (Prometheus sends a bearer token).
  app.get('/metrics', requireApiAuth(deps.apiToken), async (_req, res) => {
    res.set('Content-Type', deps.metrics.contentType);
    res.send(await deps.metrics.metrics());
  });

  const api = express.Router();
  api.use(requireApiAuth(deps.apiToken));
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(ticketRoutes({ prisma: deps.db.prisma, core: deps.core, ticketPrefix: deps.ticketPrefix }));
  api.use(terminalRoutes({ prisma: deps.db.prisma, intake: deps.core.intake }));
  for (const router of deps.apiRouters ?? []) api.use(router);
  app.use('/api', api);

  app.use((_req, _res, next) => next(new AppError('not_found', 'no such route')));
  app.use(errorHandler(deps.log));
  return app;
}
