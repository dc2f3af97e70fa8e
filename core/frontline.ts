/**
 * Assembles the service from its parts: intake (store before ack) -> inbox worker -> dialogue core ->
 * outbox worker -> channel senders. Everything from outside (database, knowledge, SLA, clock, senders)
 * is passed in, so tests build the same thing with a real database and fake senders.
 */
import type { Database } from './store/database.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './log.ts';
import type { Channel } from './model/messages.ts';
import type { ChannelSender } from './model/delivery.ts';
import type { AgentCommand } from './model/intake.ts';
import type { KnowledgeService } from '../knowledge/types.ts';
import type { SlaPort } from './model/sla-port.ts';
import type { Ticket } from '../prisma/generated/sqlite/client.ts';
import { InboxIntake } from './inbox/intake.ts';
import { InboxWorker, DEFAULT_INBOX_OPTIONS, type InboxWorkerOptions } from './inbox/worker.ts';
import { OutboxWorker, DEFAULT_OUTBOX_OPTIONS, type OutboxWorkerOptions } from './outbox/worker.ts';
import { createFinalFailureHandler, createInboxHandler } from './inbox/dispatch.ts';
import { processAgentCommand } from './agents/handle-agent-command.ts';
import { createSlaSweeper, type SlaSweeper, type SweepMetrics } from './escalation/index.ts';
import type { FrontlineSlaPort } from './sla/index.ts';
import { DEFAULT_DIALOGUE_CONFIG, type DialogueConfig, type DialogueDeps } from './dialogue/turn.ts';

export interface FrontlineOptions {
  db: Database;
  kb: KnowledgeService;
  sla: SlaPort;
  clock: Clock;
  log: Logger;
  senders: ChannelSender[];
  /** Channels whose agent surface receives ticket notices (Telegram agents' group, Slack triage). */
  agentSurfaces: Channel[];
  autoRegisterAgents?: Channel[];
  dialogue?: Partial<DialogueConfig>;
  /** Periodic SLA checks: warnings, breaches, raising the support line (off when absent). */
  slaSweep?: { sla: FrontlineSlaPort; leadSurface?: Channel; intervalMs?: number; metrics?: SweepMetrics };
  inbox?: Partial<InboxWorkerOptions>;
  outbox?: Partial<OutboxWorkerOptions>;
}

export interface Frontline {
  intake: InboxIntake;
  inbox: InboxWorker;
  outbox: OutboxWorker;
  sweeper: SlaSweeper | undefined;
  deps: DialogueDeps;
  /** Runs an agent action now and returns the ticket (REST API, agent CLI); errors are AppErrors. */
  agentAction(command: AgentCommand): Promise<Ticket>;
  start(): void;
  stop(): Promise<void>;
}

export function createFrontline(options: FrontlineOptions): Frontline {
  const { db, clock, log } = options;
  const deps: DialogueDeps = {
    provider: db.provider,
    kb: options.kb,
    sla: options.sla,
    config: { ...DEFAULT_DIALOGUE_CONFIG, ...options.dialogue },
  };
  const agentOptions = { agentSurfaces: options.agentSurfaces, autoRegisterAgents: options.autoRegisterAgents ?? [] };
  const outbox = new OutboxWorker(db, options.senders, clock, log.child({ part: 'outbox' }), { ...DEFAULT_OUTBOX_OPTIONS, ...options.outbox });
  const inbox = new InboxWorker(
    db,
    createInboxHandler(deps, agentOptions),
    createFinalFailureHandler(db.prisma, clock),
    clock,
    log.child({ part: 'inbox' }),
    { ...DEFAULT_INBOX_OPTIONS, ...options.inbox },
  );
  // Outbox rows become visible when the processing transaction commits; poke the sender then.
  inbox.onProcessed = () => outbox.notify();
  const intake = new InboxIntake(db, (key, behindOthers) => inbox.notify(key, behindOthers), clock);
  const sweeper =
    options.slaSweep &&
    createSlaSweeper({
      db,
      clock,
      log: log.child({ part: 'sla' }),
      kb: options.kb,
      agentSurfaces: options.agentSurfaces,
      ticketPrefix: deps.config.ticketPrefix,
      ...options.slaSweep,
    });

  return {
    intake,
    inbox,
    outbox,
    sweeper,
    deps,
    async agentAction(command) {
      const ticket = await db.prisma.$transaction((tx) => processAgentCommand(tx, command, deps, agentOptions, clock.now()), { timeout: 20_000, maxWait: 20_000 });
      outbox.notify();
      return ticket;
    },
    start() {
      inbox.start();
      outbox.start();
      sweeper?.start();
    },
    async stop() {
      await inbox.stop();
      await sweeper?.stop();
      await outbox.stop();
    },
  };
}
