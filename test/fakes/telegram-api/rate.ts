/** Telegram's sending limits, enforced the way the real API does: 429 with `retry_after` seconds. */
export interface FakeRateLimits {
  perChatPerSecond: number;
  perGroupPerMinute: number;
  globalPerSecond: number;
  /** Slack for network jitter between a compliant client and us (default 100 ms). */
  toleranceMs?: number;
}

export class FakeRateEnforcer {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly limits: FakeRateLimits,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait when this send would exceed a limit (nothing recorded), else 0 (recorded). */
  check(chatId: string): number {
    const tolerance = this.limits.toleranceMs ?? 100;
    const rules: Array<[string, number, number]> = [
      [`chat:${chatId}`, this.limits.perChatPerSecond, 1_000],
      ['global', this.limits.globalPerSecond, 1_000],
    ];
    if (chatId.startsWith('-')) rules.push([`group:${chatId}`, this.limits.perGroupPerMinute, 60_000]);
    const now = this.now();
    let waitMs = 0;
    for (const [key, count, windowMs] of rules) {
      const stamps = this.stamps(key, now - windowMs + tolerance);
      if (stamps.length >= count) waitMs = Math.max(waitMs, stamps[stamps.length - count]! + windowMs - tolerance - now);
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const [key] of rules) this.windows.get(key)!.push(now);
    return 0;
  }

  private stamps(key: string, after: number): number[] {
    let stamps = this.windows.get(key);
    if (!stamps) {
      stamps = [];
      this.windows.set(key, stamps);
    }
    let drop = 0;
    while (drop < stamps.length && stamps[drop]! <= after) drop++;
    if (drop) stamps.splice(0, drop);
    return stamps;
  }
}
