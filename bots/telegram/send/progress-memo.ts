/**
 * Remembers which steps of a multi-message delivery already went out, per outbox id, so a retry after a
 * partial failure resumes instead of repeating the earlier parts. In memory and bounded: after a
 * restart a retry may repeat parts (delivery is at least once).
 */
export class ProgressMemo {
  private readonly done = new Map<string, Set<string>>();

  constructor(private readonly maxDeliveries = 5_000) {}

  has(outboxId: string, step: string): boolean {
    return this.done.get(outboxId)?.has(step) ?? false;
  }

  mark(outboxId: string, step: string): void {
    let steps = this.done.get(outboxId);
    if (!steps) {
      if (this.done.size >= this.maxDeliveries) {
        const oldest = this.done.keys().next().value;
        if (oldest !== undefined) this.done.delete(oldest);
      }
      steps = new Set();
      this.done.set(outboxId, steps);
    }
    steps.add(step);
  }

  /** The delivery finished (or failed for good): nothing to resume. */
  forget(outboxId: string): void {
    this.done.delete(outboxId);
  }
}
