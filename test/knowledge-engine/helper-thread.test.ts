import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startHelper } from '../../knowledge/engine/model/helper-thread.ts';

const JOBS = new URL('./helper-jobs.ts', import.meta.url);

describe('helper thread', () => {
  it('runs a TypeScript function on another thread and hands back its result', () => {
    const run = startHelper<number, { values: Float64Array; threadId: number }>(JOBS, 'squares', 1000);
    const result = run.collect();
    expect(result?.values).toEqual(Float64Array.from({ length: 1000 }, (_, i) => i * i));
    expect(result?.threadId).not.toBe(threadId);
    // Collected once: a second call has nothing left to give.
    expect(run.collect()).toBeUndefined();
  });

  it('gives undefined, not an exception, when the job throws or its module is missing', () => {
    expect(startHelper(JOBS, 'fails', null).collect()).toBeUndefined();
    expect(startHelper(JOBS, 'noSuchExport', null).collect()).toBeUndefined();
    expect(startHelper(new URL('./no-such-module.ts', import.meta.url), 'squares', 1).collect()).toBeUndefined();
  });

  it('stops waiting for a helper that overruns its limit', () => {
    const run = startHelper(JOBS, 'busy', 20_000, { startMs: 15_000, runMs: 300 });
    const started = performance.now();
    expect(run.collect()).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('can be cancelled before its result is collected', () => {
    const run = startHelper(JOBS, 'busy', 20_000);
    run.cancel();
    expect(run.collect()).toBeUndefined();
  });
});
