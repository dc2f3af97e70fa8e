/**
 * An in-memory IntakePort: stores each (channel, externalId) once, in arrival order, and can be told to
 * fail, to show what the transports do when the store is down.
 */
import type { IntakeEvent, IntakePort, IntakeResult } from '../../../core/model/intake.ts';

export class MemoryIntake implements IntakePort {
  readonly stored: IntakeEvent[] = [];
  /** Every call, including failed and duplicate ones. */
  calls = 0;
  private readonly keys = new Set<string>();
  private failures: (event: IntakeEvent, call: number) => boolean = () => false;

  /** Fail when `rule` says so (called with the event and the 1-based call number). */
  failWhen(rule: (event: IntakeEvent, call: number) => boolean): void {
    this.failures = rule;
  }

  async accept(event: IntakeEvent): Promise<IntakeResult> {
    this.calls += 1;
    await Promise.resolve();
    if (this.failures(event, this.calls)) throw new Error('database is locked');
    const key = keyOf(event);
    if (this.keys.has(key)) return { stored: false, duplicate: true, inboxId: key };
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
