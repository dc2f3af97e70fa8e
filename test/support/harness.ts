/**
 * Builds the real service core over a real test database, the shipped knowledge base and recording
 * senders; drives it like an adapter would and waits for the inbox and outbox to settle.
 */
import { createFrontline, type Frontline } from '../../core/frontline.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { noSla, type SlaPort } from '../../core/model/sla-port.ts';
import type { Channel, InboundMessage } from '../../core/model/messages.ts';
import type { AgentCommand } from '../../core/model/intake.ts';
import { LiveKnowledge } from '../../knowledge/live-knowledge.ts';
import { defaultArticlesDir } from '../../knowledge/loader/index.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { RecordingSender } from './recording-sender.ts';
import type { Provider } from '../../core/store/database.ts';

let sharedKnowledge: LiveKnowledge | undefined;
/** The shipped knowledge base, built once per test file (it is immutable unless watched). */
export function shippedKnowledge(): LiveKnowledge {
  sharedKnowledge ??= LiveKnowledge.load(defaultArticlesDir(), { info() {}, warn() {} });
  return sharedKnowledge;
}

export interface Harness {
  db: TestDatabase;
  core: Frontline;
  clock: ManualClock;
  terminal: RecordingSender;
  telegram: RecordingSender;
  slack: RecordingSender;
  send(message: Partial<InboundMessage> & { text: string; from: string }): Promise<void>;
  press(from: string, payload: string): Promise<void>;
  agent(command: Omit<AgentCommand, 'externalId' | 'receivedAt' | 'channel'> & { channel?: Channel }): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

let sequence = 0;

/** A manual clock that also moves 1 ms on every reading, so timestamps record the order of events. */
export class TickingClock extends ManualClock {
  override now(): Date {
    this.advance(1);
    return super.now();
  }
}

export async function createHarness(provider: Provider, options: { sla?: SlaPort; clock?: ManualClock } = {}): Promise<Harness> {
  const db = await createTestDatabase(provider);
  const clock = options.clock ?? new ManualClock(new Date('2026-03-02T10:00:00Z'));
  const terminal = new RecordingSender('terminal');
  const telegram = new RecordingSender('telegram');
  const slack = new RecordingSender('slack');
  const core = createFrontline({
    db,
    kb: shippedKnowledge(),
    sla: options.sla ?? noSla,
    clock,
    log: silentLogger,
    senders: [terminal, telegram, slack],
    agentSurfaces: ['telegram', 'slack'],
    autoRegisterAgents: ['slack', 'web'],
    inbox: { sweepIntervalMs: 50 },
    outbox: { pollIntervalMs: 20 },
  });
  const settle = async () => {
    await core.inbox.idle();
    while ((await core.outbox.pass()) > 0);
  };
  const harness: Harness = {
    db,
    core,
    clock,
    terminal,
    telegram,
    slack,
    async send(partial) {
      const { from, ...rest } = partial;
      const message: InboundMessage = {
        channel: 'terminal',
        externalId: `m${++sequence}`,
        conversationKey: from,
        sender: { externalUserId: from, displayName: from },
        receivedAt: clock.now(),
        ...rest,
      };
      await core.intake.accept({ kind: 'requester', message });
      await settle();
    },
    async press(from, payload) {
      await harness.send({ from, text: '', action: { payload } });
    },
    async agent(command) {
      await core.agentAction({ channel: 'slack', externalId: `a${++sequence}`, receivedAt: clock.now(), ...command } as AgentCommand);
      await settle();
    },
    settle,
    async close() {
      await core.stop();
      await db.destroy();
    },
  };
  return harness;
}
