/**
 * The SLA sweep: every minute, look at each open ticket that has due times and let the SLA port decide
 * which warnings/breaches are due and whether to raise it a support line (see sweep-ticket.ts). Each
 * ticket is its own transaction, so one bad ticket does not hold up the rest, and a crash mid-sweep
 * leaves every ticket either fully handled or untouched.
 *
 * @example
 * const sweeper = createSlaSweeper({ db, sla, clock, log, agentSurfaces: ['slack'], kb, ticketPrefix: 'FL' });
 * sweeper.start();            // every 60 s
 * await sweeper.runOnce();    // tests: { checked: 1, warnings: 1, breaches: 0, raised: 0 }
 * await sweeper.stop();
 */
import type { Database } from '../store/database.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Channel } from '../model/messages.ts';
import type { KnowledgeService } from '../../knowledge/types.ts';
import type { FrontlineSlaPort } from '../sla/sla-port.ts';
import { DEFAULT_DIALOGUE_CONFIG, type DialogueDeps } from '../dialogue/turn.ts';
import type { TicketStatus } from '../model/ticket.ts';
import { sweepTicket, type TicketSweepResult } from './sweep-ticket.ts';
import type { SweepMetrics } from './sweep-metrics.ts';

export interface SlaSweeperOptions {
  db: Database;
  sla: FrontlineSlaPort;
  clock: Clock;
  log: Logger;
  agentSurfaces: readonly Channel[];
  leadSurface?: Channel;
  kb: KnowledgeService;
  ticketPrefix: string;
  /** Default 60 s. */
  intervalMs?: number;
  /** Tickets listed per query; the sweep pages through all of them. */
  batchSize?: number;
  /** Prometheus counters (core/escalation/sweep-metrics.ts), incremented after each commit. */
  metrics?: SweepMetrics;
}

export interface SweepSummary {
  checked: number;
  warnings: number;
  breaches: number;
  raised: number;
}

export interface SlaSweeper {
  runOnce(): Promise<SweepSummary>;
  start(): void;
  stop(): Promise<void>;
}

/** Open statuses whose tickets are watched; new/answered_by_bot only matter once they have due times. */
export const SWEPT_STATUSES: readonly TicketStatus[] = ['new', 'answered_by_bot', 'escalated', 'assigned', 'in_progress', 'waiting_for_user'];

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
const TX_OPTIONS = { timeout: 20_000, maxWait: 20_000 };

export function createSlaSweeper(options: SlaSweeperOptions): SlaSweeper {
  const { db, log } = options;
  const deps: DialogueDeps = {
    provider: db.provider,
    kb: options.kb,
    sla: options.sla,
    config: { ...DEFAULT_DIALOGUE_CONFIG, ticketPrefix: options.ticketPrefix },
  };
  const targets = { agentSurfaces: options.agentSurfaces, ...(options.leadSurface ? { leadSurface: options.leadSurface } : {}) };

  async function sweepOne(ticketId: string, now: Date): Promise<TicketSweepResult | undefined> {
    try {
      const result = await db.prisma.$transaction(
        (tx) => sweepTicket({ tx, now, provider: db.provider, sla: options.sla, deps, targets }, ticketId),
        TX_OPTIONS,
      );
      for (const n of result.notices) options.metrics?.notice(n.kind, n.target);
      if (result.raisedTo) options.metrics?.raised(result.raisedTo);
      return result;
    } catch (error) {
      // A lost race on SQLite (busy) or a broken row: log it; the next sweep tries again from scratch.
      log.warn({ err: error, ticketId }, 'SLA sweep of a ticket failed');
      return undefined;
    }
  }

  async function runOnce(): Promise<SweepSummary> {
    const now = options.clock.now();
    const summary: SweepSummary = { checked: 0, warnings: 0, breaches: 0, raised: 0 };
    for await (const ticketId of watchedTicketIds(db, options.batchSize ?? 500)) {
      summary.checked += 1;
      const result = await sweepOne(ticketId, now);
      if (!result) continue;
      summary.warnings += result.notices.filter((n) => n.kind === 'warning').length;
      summary.breaches += result.notices.filter((n) => n.kind === 'breach').length;
      if (result.raisedTo) summary.raised += 1;
    }
    if (summary.warnings + summary.breaches + summary.raised > 0) log.info(summary, 'SLA sweep');
    return summary;
  }

  return { runOnce, ...periodic(runOnce, options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS, log) };
}

/** Ids of open tickets with a due time, paged by id so a long sweep never holds one huge result. */
async function* watchedTicketIds(db: Database, batchSize: number): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const page = await db.prisma.ticket.findMany({
      where: {
        status: { in: [...SWEPT_STATUSES] },
        OR: [{ firstResponseDue: { not: null } }, { resolutionDue: { not: null } }],
        ...(after ? { id: { gt: after } } : {}),
      },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    for (const row of page) yield row.id;
    if (page.length < batchSize) return;
    after = page[page.length - 1]!.id;
  }
}

/** A timer that never overlaps runs and that `stop()` really stops (waiting for a run in flight). */
function periodic(run: () => Promise<unknown>, intervalMs: number, log: Logger): Pick<SlaSweeper, 'start' | 'stop'> {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let stopped = true;
  const schedule = (): void => {
    timer = setTimeout(() => {
      inFlight = run()
        .then(() => undefined)
        .catch((error) => log.warn({ err: error }, 'SLA sweep failed'))
        .finally(() => {
          inFlight = undefined;
          if (!stopped) schedule();
        });
    }, intervalMs);
    timer.unref?.();
  };
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
