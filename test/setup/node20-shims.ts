/**
 * nock 15 (through @mswjs/interceptors 0.44) calls `Promise.withResolvers`, which Node 20 lacks (it
 * arrived in Node 22). Loaded for every test file by vitest.config.ts (setupFiles).
 */
type WithResolvers = <T>() => { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };

const PromiseCtor = Promise as unknown as { withResolvers?: WithResolvers };
if (typeof PromiseCtor.withResolvers !== 'function') {
  PromiseCtor.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
