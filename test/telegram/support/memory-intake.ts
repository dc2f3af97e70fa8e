/**
 * An in-memory IntakePort: stores each (channel, externalId) once, in arrival order, and can be told to
 * fail, to show what the transports do when the store is down.
 */
import type { IntakeEvent, IntakePort, IntakeResult } from '../../../core/model/intake.ts';

export class MemoryIntake implements IntakePort {
  readonly stored: IntakeEvent[] = [];
  /** Every call, including failed and duplicate ones. */
  calls = 0;
  failures = 0;
  duplicates = 0;
  private readonly keys = new Set<string>();
  private behaviour: (event: IntakeEvent, call: number) => 'ok' | 'fail' | 'hang' = () => 'ok';

  /** Fail (or never answer) when `rule` says so; called with the event and the 1-based call number. */
  misbehaveWhen(rule: (event: IntakeEvent, call: number) => 'ok' | 'fail' | 'hang'): void {
    this.behaviour = rule;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  async accept(event: IntakeEvent): Promise<IntakeResult> {
    this.calls += 1;
    await Promise.resolve();
    const behaviour = this.behaviour(event, this.calls);
    if (behaviour === 'hang') return new Promise<never>(() => undefined);
    if (behaviour === 'fail') {
      this.failures += 1;
      throw new Error('database is locked');
    }
    const key = keyOf(event);
    if (this.keys.has(key)) {
      this.duplicates += 1;
      return { stored: false, duplicate: true, inboxId: key };
    }
    this.keys.add(key);
    this.stored.push(event);
    return { stored: true, duplicate: false, inboxId: key };
  }

  texts(): string[] {
    return this.stored.map((event) => (event.kind === 'requester' ? event.message.text : event.command.action.type));
  }
}

export function keyOf(event: IntakeEvent): string {
  return event.kind === 'requester' ? `${event.message.channel}:${event.message.externalId}` : `${event.command.channel}:${event.command.externalId}`;
}
