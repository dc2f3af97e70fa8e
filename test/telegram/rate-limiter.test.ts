import { describe, expect, it } from 'vitest';
import { bucketsFor, DEFAULT_RATE_LIMITS } from '../../bots/telegram/send/limits.ts';
import { RateLimiter } from '../../bots/telegram/send/rate-limiter.ts';
import { ManualClock } from './support/manual-clock.ts';

describe('RateLimiter', () => {
  it('lets one message per second into a chat and waits for the rest, in order', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    const done: Array<[string, number]> = [];
    const buckets = bucketsFor('42', DEFAULT_RATE_LIMITS);
    const all = ['a', 'b', 'c'].map((name) => limiter.acquire(buckets).then(() => done.push([name, clock.now()])));
    await clock.advance(2_500);
    await Promise.all(all);
    expect(done).toEqual([['a', 0], ['b', 1000], ['c', 2000]]);
  });

  it('does not hold up other chats while one chat floods', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    const times: Record<string, number[]> = { flood: [], calm: [] };
    const flood = Array.from({ length: 5 }, () => limiter.acquire(bucketsFor('1', DEFAULT_RATE_LIMITS)).then(() => times.flood!.push(clock.now())));
    const calm = limiter.acquire(bucketsFor('2', DEFAULT_RATE_LIMITS)).then(() => times.calm!.push(clock.now()));
    await clock.advance(10);
    await calm;
    expect(times.calm).toEqual([0]);
    await clock.advance(5_000);
    await Promise.all(flood);
    expect(times.flood).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('keeps the overall rate at 30 per second across chats, and can be raised', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    const at: number[] = [];
    const calls = Array.from({ length: 45 }, (_, i) => limiter.acquire(bucketsFor(String(i + 1), DEFAULT_RATE_LIMITS)).then(() => at.push(clock.now())));
    await clock.advance(1_200);
    await Promise.all(calls);
    expect(at.filter((t) => t < 1000)).toHaveLength(30);
    expect(at.filter((t) => t >= 1000)).toHaveLength(15);

    const fast = new RateLimiter({ clock: new ManualClock() });
    const raised = { ...DEFAULT_RATE_LIMITS, globalPerSecond: 1000 };
    await Promise.all(Array.from({ length: 500 }, (_, i) => fast.acquire(bucketsFor(String(i + 1), raised))));
    expect(fast.waitTime([{ key: 'global', limit: { count: 1000, windowMs: 1000 } }])).toBe(0);
  });

  it('allows 20 posts per minute in a group', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    const at: number[] = [];
    const calls = Array.from({ length: 21 }, () => limiter.acquire(bucketsFor('-100500', DEFAULT_RATE_LIMITS)).then(() => at.push(clock.now())));
    await clock.advance(61_000, 100);
    await Promise.all(calls);
    expect(at.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 1000));
    expect(at[20]).toBe(60_000);
  });

  it('keeps a chat closed until a 429 retry_after has passed', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.holdUntil('chat:42', 7_000);
    let at = -1;
    const call = limiter.acquire(bucketsFor('42', DEFAULT_RATE_LIMITS)).then(() => (at = clock.now()));
    await clock.advance(6_990);
    expect(at).toBe(-1);
    await clock.advance(20);
    await call;
    expect(at).toBe(7_000);
  });
});
