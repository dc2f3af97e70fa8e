/**
 * Sliding-window rate limiter that waits rather than drops. A call names the buckets it counts
 * against (e.g. the global bucket and its chat's bucket); it waits until every bucket has room, then
 * takes a slot in each. Calls sharing a first bucket are served in call order, so messages to one chat
 * keep their order while a flooded chat never delays the others.
 *
 * @example
 * const limiter = new RateLimiter({ clock: systemClock });
 * await limiter.acquire([{ key: 'global', limit: { count: 30, windowMs: 1000 } },
 *                        { key: 'chat:42', limit: { count: 1, windowMs: 1000 } }]);
 */
import type { Clock } from '../clock.ts';

export interface Limit {
  /** Calls allowed per window; 0 or Infinity means unlimited. */
  count: number;
  windowMs: number;
}

export interface BucketRef {
  key: string;
  limit: Limit;
}

interface Bucket {
  stamps: number[];
  heldUntil: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly clock: Clock;
  private readonly sweepAbove: number;

  constructor(options: { clock: Clock; sweepAbove?: number }) {
    this.clock = options.clock;
    this.sweepAbove = options.sweepAbove ?? 10_000;
  }

  /** Resolves once a slot was taken in every bucket. */
  acquire(refs: readonly BucketRef[]): Promise<void> {
    const lane = refs[0]?.key ?? '';
    const previous = this.queues.get(lane) ?? Promise.resolve();
    const mine = previous.then(() => this.waitForRoom(refs));
    const tail = mine.catch(() => undefined);
    this.queues.set(lane, tail);
    void tail.then(() => {
      if (this.queues.get(lane) === tail) this.queues.delete(lane);
    });
    return mine;
  }

  /** Keeps a bucket closed until `untilMs` (clock time), e.g. after a 429 with retry_after. */
  holdUntil(key: string, untilMs: number): void {
    const bucket = this.bucket(key);
    bucket.heldUntil = Math.max(bucket.heldUntil, untilMs);
  }

  /** Milliseconds until a call on these buckets could proceed (0 = now). */
  waitTime(refs: readonly BucketRef[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const ref of refs) {
      const bucket = this.bucket(ref.key);
      wait = Math.max(wait, bucket.heldUntil - now);
      if (!isLimited(ref.limit)) continue;
      prune(bucket, now - ref.limit.windowMs);
      if (bucket.stamps.length >= ref.limit.count) {
        const oldestInWindow = bucket.stamps[bucket.stamps.length - ref.limit.count]!;
        wait = Math.max(wait, oldestInWindow + ref.limit.windowMs - now);
      }
    }
    return wait;
  }

  private async waitForRoom(refs: readonly BucketRef[]): Promise<void> {
    for (;;) {
      const wait = this.waitTime(refs);
      if (wait <= 0) break;
      await this.clock.sleep(wait);
    }
    const now = this.clock.now();
    for (const ref of refs) if (isLimited(ref.limit)) this.bucket(ref.key).stamps.push(now);
    if (this.buckets.size > this.sweepAbove) this.sweep(now, refs);
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { stamps: [], heldUntil: 0 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Forgets buckets with nothing recent; `refs` tells the longest window in use. */
  private sweep(now: number, refs: readonly BucketRef[]): void {
    const horizon = now - Math.max(60_000, ...refs.map((ref) => ref.limit.windowMs));
    for (const [key, bucket] of this.buckets) {
      if (bucket.heldUntil <= now && (bucket.stamps.at(-1) ?? 0) <= horizon) this.buckets.delete(key);
    }
  }
}

function isLimited(limit: Limit): boolean {
  return limit.count > 0 && Number.isFinite(limit.count);
}

function prune(bucket: Bucket, before: number): void {
  let drop = 0;
  while (drop < bucket.stamps.length && bucket.stamps[drop]! <= before) drop++;
  if (drop) bucket.stamps.splice(0, drop);
}
