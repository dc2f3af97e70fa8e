import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startHelper } from '../../knowledge/engine/model/helper-thread.ts';

const JOBS = new URL('./helper-jobs.ts', import.meta.url);
const WAIT = 20_000;

describe('helper thread', () => {
  it('runs a TypeScript function on another thread and hands back its result', () => {
    const run = startHelper<number, { values: Float64Array; threadId: number }>(JOBS, 'squares', 1000);
    const result = run.collect(WAIT);
    expect(result?.values).toEqual(Float64Array.from({ length: 1000 }, (_, i) => i * i));
    expect(result?.threadId).not.toBe(threadId);
    // Collected once: a second call has nothing left to give.
    expect(run.collect(WAIT)).toBeUndefined();
  });

  it('gives undefined, not an exception, when the job throws, exits or its module is missing', () => {
    for (const run of [
      startHelper(JOBS, 'fails', null),
      startHelper(JOBS, 'noSuchExport', null),
      startHelper(new URL('./no-such-module.ts', import.meta.url), 'squares', 1),
    ]) {
      expect(run.collect(WAIT)).toBeUndefined();
    }
    // A thread that ends itself is noticed at once, not at the deadline.
    const started = performance.now();
    expect(startHelper(JOBS, 'exits', null).collect(WAIT)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(WAIT / 2);
  });

  it('stops waiting for a helper that overruns the time it is given', () => {
    const run = startHelper(JOBS, 'busy', 20_000);
    const started = performance.now();
    expect(run.collect(300)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(WAIT / 2);
  });

  it('can be cancelled before its result is collected', () => {
    const run = startHelper(JOBS, 'busy', 20_000);
    run.cancel();
    expect(run.collect(WAIT)).toBeUndefined();
  });
});
