/** Exponential back-off with a cap and jitter, reset after a success. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(base * (0.75 + 0.5 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
