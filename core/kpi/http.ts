/**
 * KPI endpoints, thin: validate the query, call the use case, return JSON. Mounted by the HTTP app
 * under `/api` behind its auth: `app.use('/api', requireAuth, kpiRouter({ prisma, clock }))`.
 *
 *   GET /kpi?from=2026-01-01&to=2026-02-01[&channel=telegram&category=network&queue=L1&agent=<agentId>]
 *   GET /kpi/recurring?from&to[&limit]      categories and articles by volume and by escalations
 *   GET /kpi/gaps?from&to[&limit]           questions the knowledge base could not answer
 * Bad input: 400 `{ "error": { "code": "validation_failed", "message": "..." } }`.
 */
import express, { type Request, type Response } from 'express';
import type { Prisma } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import { computeKpis } from './compute-kpis.ts';
import { knowledgeGaps, recurringProblems } from './recurring.ts';
import { parseKpiQuery, parsePeriodQuery, type ParsedQuery } from './query.ts';
import type { KpiQuery } from './types.ts';

export interface KpiRouterDeps {
  prisma: Prisma;
  clock: Clock;
}

const MAX_LIMIT = 200;

export function kpiRouter(deps: KpiRouterDeps): express.Router {
  const router = express.Router();
  router.get('/kpi', async (req, res) => {
    const parsed = parseKpiQuery(req.query);
    if (reject(res, parsed)) return;
    res.json(await computeKpis(deps.prisma, parsed.query, deps.clock.now()));
  });
  router.get('/kpi/recurring', async (req, res) => {
    const parsed = parsePeriodQuery(periodParams(req));
    const limit = limitOf(req);
    if (reject(res, parsed) || rejectLimit(res, limit)) return;
    res.json(await recurringProblems(deps.prisma, parsed.query, limit));
  });
  router.get('/kpi/gaps', async (req, res) => {
    const parsed = parsePeriodQuery(periodParams(req));
    const limit = limitOf(req);
    if (reject(res, parsed) || rejectLimit(res, limit)) return;
    res.json(await knowledgeGaps(deps.prisma, parsed.query, limit));
  });
  return router;
}

/** Express 5 forwards rejected promises to the app's error handler, so routes only handle bad input. */
function reject(res: Response, parsed: ParsedQuery<KpiQuery>): parsed is { ok: false; message: string } {
  if (parsed.ok) return false;
  res.status(400).json({ error: { code: 'validation_failed', message: parsed.message } });
  return true;
}

function rejectLimit(res: Response, limit: number | undefined | null): limit is null {
  if (limit !== null) return false;
  res.status(400).json({ error: { code: 'validation_failed', message: `"limit" must be a whole number from 1 to ${MAX_LIMIT}` } });
  return true;
}

function periodParams(req: Request): unknown {
  const query = req.query as Record<string, unknown>;
  return { from: query.from, to: query.to };
}

/** undefined: not given (default applies); null: given but invalid. */
function limitOf(req: Request): number | undefined | null {
  const raw = (req.query as Record<string, unknown>).limit;
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  return n >= 1 && n <= MAX_LIMIT ? n : null;
}
