/** A clock that moves only when told; sleepers wake in time order as it advances. */
import type { Clock } from '../../../bots/telegram/clock.ts';

export class ManualClock implements Clock {
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      this.sleepers.push({ at: this.time + Math.max(0, ms), wake: resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Moves time forward step by step, letting woken code run before the next step. */
  async advance(ms: number, stepMs = 10): Promise<void> {
    const target = this.time + ms;
    await this.wakeDue();
    while (this.time < target) {
      this.time = Math.min(target, this.time + stepMs);
      await this.wakeDue();
    }
    await this.wakeDue();
  }

  private async wakeDue(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      const due = this.sleepers.filter((sleeper) => sleeper.at <= this.time);
      this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.time);
      for (const sleeper of due) sleeper.wake();
      for (let i = 0; i < 20; i++) await Promise.resolve();
    }
  }
}
