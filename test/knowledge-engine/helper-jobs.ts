/** Functions helper-thread.test.ts runs on a helper thread (not a test file itself). */
import { threadId } from 'node:worker_threads';
import type { HelperOutput } from '../../knowledge/engine/model/helper-thread.ts';

/** Squares of `n` numbers, with the array moved back rather than copied. */
export function squares(n: number): HelperOutput<{ values: Float64Array; threadId: number }> {
  const values = Float64Array.from({ length: n }, (_, i) => i * i);
  return { result: { values, threadId }, transfer: [values.buffer] };
}

export function fails(): HelperOutput<number> {
  throw new Error('the helper job failed');
}

/** Busy for `ms` milliseconds (a stuck helper). */
export function busy(ms: number): HelperOutput<number> {
  const until = performance.now() + ms;
  while (performance.now() < until);
  return { result: 1, transfer: [] };
}

/** Ends its thread (as a fatal error would) without returning. */
export function exits(): HelperOutput<number> {
  process.exit(3);
}
