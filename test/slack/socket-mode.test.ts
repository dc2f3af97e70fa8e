import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { NormaliseContext } from '../../bots/slack/normalise/context.ts';
import { runSocketMode, type SocketModeDelivery, type SocketModeSource } from '../../bots/slack/transport/socket-mode.ts';
import { BOT_USER, TEAM, TRIAGE, dm, envelope, slashCommand } from './fixtures.ts';
import { MemoryIntake } from './fakes.ts';

const context: NormaliseContext = { botUserId: BOT_USER, teamId: TEAM, agentChannelId: TRIAGE, notePrefix: '//', now: () => 0 };

class FakeSocket extends EventEmitter implements SocketModeSource {
  started = false;
  async start(): Promise<void> {
    this.started = true;
  }
  async disconnect(): Promise<void> {
    this.started = false;
  }
  /** Pushes one envelope and resolves with what was acked (or 'no-ack' after `waitMs`). */
  deliver(type: string, body: unknown, log: string[], waitMs = 300): Promise<Record<string, unknown> | undefined | 'no-ack'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('no-ack'), waitMs);
      const delivery: SocketModeDelivery = {
        type,
        body,
        envelope_id: 'env-1',
        ack: async (response) => {
          log.push('ack');
          clearTimeout(timer);
          resolve(response);
        },
      };
      this.emit('slack_event', delivery);
    });
  }
}

class LoggingIntake extends MemoryIntake {
  constructor(
    private readonly log: string[],
    options: ConstructorParameters<typeof MemoryIntake>[0] = {},
  ) {
    super(options);
  }
  override async accept(...args: Parameters<MemoryIntake['accept']>) {
    const result = await super.accept(...args);
    this.log.push('stored');
    return result;
  }
}

describe('Socket Mode', () => {
  it('acknowledges an event only after it was stored', async () => {
    const log: string[] = [];
    const source = new FakeSocket();
    const intake = new LoggingIntake(log, { delayMs: 50 });
    const runner = runSocketMode({ intake, context, source });
    await runner.start();
    expect(source.started).toBe(true);
    await source.deliver('events_api', envelope(dm('printer jam')), log);
    expect(log).toEqual(['stored', 'ack']);
    expect(intake.stored).toHaveLength(1);
    await runner.stop();
  });

  it('does not acknowledge when storing fails (Slack redelivers)', async () => {
    const source = new FakeSocket();
    runSocketMode({ intake: new MemoryIntake({ failWith: new Error('db down') }), context, source });
    expect(await source.deliver('events_api', envelope(dm('x')), [])).toBe('no-ack');
  });

  it('recognises a redelivery of the same event as a duplicate and still acks it', async () => {
    const source = new FakeSocket();
    const intake = new MemoryIntake();
    runSocketMode({ intake, context, source });
    const log: string[] = [];
    await source.deliver('events_api', envelope(dm('x')), log);
    await source.deliver('events_api', envelope(dm('x')), log);
    expect(log).toEqual(['ack', 'ack']);
    expect(intake.stored).toHaveLength(1);
  });

  it('acks slash commands with the ephemeral text and ignored types with nothing', async () => {
    const source = new FakeSocket();
    const intake = new MemoryIntake();
    runSocketMode({ intake, context, source });
    const acked = await source.deliver('slash_commands', slashCommand('tickets'), []);
    expect(acked).toMatchObject({ response_type: 'ephemeral' });
    expect(intake.stored[0]).toMatchObject({ kind: 'requester', message: { text: '/tickets' } });
    expect(await source.deliver('some_future_type', {}, [])).toBeUndefined();
  });
});
