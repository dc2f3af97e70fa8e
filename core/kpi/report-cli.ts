/**
 * `npm run report -- --from 2026-01-01 --to 2026-02-01 [--channel telegram] [--category network]
 *   [--queue L1] [--agent <agentId>] [--json]`
 * Reads the database named by DATABASE_URL (default SQLite data/frontline.db) and prints the KPI report,
 * recurring problems and knowledge gaps. Exit codes: 0 done, 2 bad arguments, 1 anything else.
 * The script itself is report-main.ts; this module is what tests call in-process.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import { computeKpis } from './compute-kpis.ts';
import { knowledgeGaps, recurringProblems } from './recurring.ts';
import { parseKpiQuery } from './query.ts';
import { formatKpiReport, formatRecurring } from './format-report.ts';

const USAGE = 'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--channel c] [--category c] [--queue L1] [--agent id] [--json]';

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  clock: Clock;
}

export async function runReportCli(argv: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' }, to: { type: 'string' }, channel: { type: 'string' }, category: { type: 'string' },
        queue: { type: 'string' }, agent: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const { json, help: _help, ...raw } = values;
  const parsed = parseKpiQuery(raw);
  if (!parsed.ok) {
    io.err(`error: ${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  const db = await openDatabase(io.env.DATABASE_URL ? { url: io.env.DATABASE_URL } : {});
  try {
    const now = io.clock.now();
    const [kpis, recurring, gaps] = await Promise.all([
      computeKpis(db.prisma, parsed.query, now),
      recurringProblems(db.prisma, parsed.query),
      knowledgeGaps(db.prisma, parsed.query),
    ]);
    io.out(json ? `${JSON.stringify({ kpis, recurring, gaps }, null, 2)}\n` : `${formatKpiReport(kpis)}\n${formatRecurring(recurring, gaps)}`);
    return 0;
  } finally {
    await db.close();
  }
}
