/**
 * Ends the process when its event loop has been blocked for `limitMs`: a message whose processing never
 * yields (a runaway loop, a regular expression backtracking on a 20,000-character text) would otherwise
 * leave the service alive but deaf: no intake, no replies, no shutdown, and nothing in the logs.
 *
 * A blocked event loop cannot check itself, so the check runs on a worker thread: the main thread bumps
 * a shared counter every `limitMs / 4`; the worker looks every `limitMs / 4` and, when the counter has
 * not moved for `limitMs`, writes one line to stderr and sends SIGKILL to the process. A supervisor
 * (systemd, Docker, Kubernetes) starts it again; the inbox's crash journal (core/inbox/crash-journal.ts)
 * then counts an attempt for the event that was in flight, so a message that hangs the process ends
 * `failed` after 5 starts like one that crashes it. Only the process's entry point starts it (never a
 * library or a test runner's process). The worker is plain JavaScript: no loader needed.
 */
import { Worker } from 'node:worker_threads';

export interface Watchdog {
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beats = new Int32Array(workerData.buffer);
let last = Atomics.load(beats, 0);
let since = Date.now();
setInterval(() => {
  const now = Date.now();
  const current = Atomics.load(beats, 0);
  if (current !== last) { last = current; since = now; return; }
  if (now - since < workerData.limitMs) return;
  const line = JSON.stringify({ level: 60, time: now, pid: process.pid, msg: 'event loop blocked; stopping the process', blockedMs: now - since });
  try { writeSync(2, line + '\\n'); } catch {}
  process.kill(process.pid, 'SIGKILL');
}, workerData.checkMs);
`;

export function startWatchdog(limitMs: number): Watchdog {
  const buffer = new SharedArrayBuffer(4);
  const beats = new Int32Array(buffer);
  const checkMs = Math.max(10, Math.floor(limitMs / 4));
  const beat = setInterval(() => Atomics.add(beats, 0, 1), checkMs);
  beat.unref();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { buffer, limitMs, checkMs } });
  worker.unref();
  return {
    async stop() {
      clearInterval(beat);
      await worker.terminate();
    },
  };
}
