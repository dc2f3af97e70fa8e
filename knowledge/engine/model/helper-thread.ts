/**
 * Runs one function of a module on a second thread while the caller keeps working, and collects its
 * result synchronously: the index build stays a plain function call, yet a large base builds on two
 * cores (classifier.ts hands the scorer's fold and the embedding model to the helper).
 *
 * Why synchronous: buildKnowledgeEngine() is synchronous and called from many places; the caller blocks
 * on a shared flag (Atomics.wait) only once its own share of the work is done, and takes the helper's
 * message off the port with receiveMessageOnPort, no event loop needed.
 *
 * Never a new way to fail: if the thread cannot start, its module cannot load, its function throws or
 * exits, or it takes longer than the caller allows, `collect()` returns undefined and the caller computes
 * the same thing itself.
 * The helper runs the same code on the same inputs, so the result is the same either way (tested).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type TransferListItem } from 'node:worker_threads';

const DONE = 1;

export interface HelperRun<R> {
  /**
   * Waits up to `maxWaitMs` for the helper and returns its result, or undefined if it failed or took
   * longer (then do the work yourself). The caller's event loop is blocked meanwhile, so a helper killed
   * outright (out of memory) is only noticed at the deadline: keep it close to the work's own duration.
   */
  collect(maxWaitMs: number): R | undefined;
  /** Stops the helper if its result is no longer wanted (the caller failed); no-op after collect(). */
  cancel(): void;
}

const NO_HELPER: HelperRun<never> = { collect: () => undefined, cancel: () => undefined };

/** What the helper module's function returns: its result and the buffers to move (not copy) back. */
export interface HelperOutput<R> {
  result: R;
  transfer: TransferListItem[];
}

/**
 * The thread's whole program. It is CommonJS evaluated from a string so that it can set the flag even
 * when the module fails to load; TypeScript modules are loaded through tsx's loader (the project runs
 * its sources through tsx; compiled JavaScript modules need no loader).
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { flag, port, moduleUrl, exportName, input, tsxUrl } = workerData;
const state = new Int32Array(flag);
const done = () => { Atomics.store(state, 0, ${DONE}); Atomics.notify(state, 0); };
// process.exit() in the job ends the thread without the finally below.
process.on('exit', done);
(async () => {
  try {
    if (tsxUrl) (await import(tsxUrl)).register();
    const mod = await import(moduleUrl);
    const out = mod[exportName](input);
    port.postMessage({ result: out.result }, out.transfer);
  } catch (error) {
    port.postMessage({ error: String(error && error.stack ? error.stack : error) });
  } finally {
    done();
    port.close();
  }
})();
`;

function tsxApiUrl(): string | undefined {
  try {
    // tsx's ESM API (its "./esm/api" export for import): register() hooks TypeScript into this thread's
    // imports. Resolved by hand because createRequire would pick the export's CommonJS build.
    const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
    const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> }).exports;
    const entry = exports['./esm/api']?.import?.default;
    return entry ? pathToFileURL(join(dirname(manifest), entry)).href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts `exportName(input)` of `moduleUrl` on a new thread. `input` is copied (structured clone); the
 * function must be synchronous and return a HelperOutput.
 */
export function startHelper<I, R>(moduleUrl: URL, exportName: string, input: I): HelperRun<R> {
  const flag = new SharedArrayBuffer(4);
  const state = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const tsxUrl = moduleUrl.pathname.endsWith('.ts') ? tsxApiUrl() : undefined;
    worker = new Worker(BOOTSTRAP, {
      eval: true,
      // Not the parent's flags: a test runner's or a loader's may not apply to a plain thread.
      execArgv: [],
      workerData: { flag, port: port2, moduleUrl: moduleUrl.href, exportName, input, tsxUrl },
      transferList: [port2],
    });
  } catch {
    port1.close();
    return NO_HELPER;
  }
  // The thread's own failures come back through the flag and the port; an 'error' event (it could not
  // run at all) is seen only after the wait, and must not become an uncaught exception of the process.
  worker.on('error', () => undefined);
  worker.unref();
  let finished = false;
  const finish = (): void => {
    finished = true;
    port1.close();
    void worker.terminate();
  };
  return {
    collect(maxWaitMs: number): R | undefined {
      if (finished) return undefined;
      try {
        if (!waitFor(state, maxWaitMs)) return undefined;
        const message = receiveMessageOnPort(port1)?.message as { result?: R; error?: string } | undefined;
        return message && message.error === undefined ? message.result : undefined;
      } finally {
        finish();
      }
    },
    cancel(): void {
      if (!finished) finish();
    },
  };
}

/** Blocks until the helper is done; false if it took longer than `maxWaitMs`. */
function waitFor(state: Int32Array, maxWaitMs: number): boolean {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    if (Atomics.load(state, 0) === DONE) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(state, 0, 0, left);
  }
}
