/**
 * The service under test as real child processes (`node --import tsx bots/main.ts`, the same code as
 * `npm start`), with their CPU time and memory read from /proc. Instances can be SIGKILLed and restarted
 * (a new INSTANCE_ID each time, as a new process would have) or stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLOCK_TICKS_PER_SEC = 100;

export interface Usage {
  cpuMs: number;
  rssPeakMb: number;
}

export function readUsage(pid: number): Usage | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    return { cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SEC, rssPeakMb: hwm ? Number(hwm[1]) / 1024 : 0 };
  } catch {
    return undefined;
  }
}

/** BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the service. */
function nodeArgs(): string[] {
  return (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Instance {
  slot: number;
  instanceId: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** CPU time when it became ready: start-up (migrations, knowledge load) is not counted per message. */
  cpuAtReady: number;
  exited: Promise<number | null>;
  stderr: string[];
}

export class Fleet {
  readonly instances: Array<Instance | undefined> = [];
  /** CPU spent by processes that are gone, after they became ready. */
  private cpuOfGone = 0;
  private rssPeak = 0;
  private generation = 0;
  private readonly sampler: NodeJS.Timeout;

  constructor(private readonly envFor: (slot: number, port: number, instanceId: string) => Record<string, string>) {
    this.sampler = setInterval(() => this.sample(), 250);
    this.sampler.unref();
  }

  async start(slot: number, port?: number): Promise<Instance> {
    const chosenPort = port ?? (await freePort());
    const instanceId = `bench-${slot}-g${++this.generation}`;
    const env = { ...process.env, ...this.envFor(slot, chosenPort, instanceId) };
    const child = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', 'bots/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr.push(chunk);
      if (stderr.length > 200) stderr.shift();
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${instanceId}] ${chunk}`);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${chosenPort}`;
    await waitHealthy(url, exited, stderr);
    const instance: Instance = { slot, instanceId, port: chosenPort, url, child, cpuAtReady: readUsage(child.pid!)?.cpuMs ?? 0, exited, stderr };
    this.instances[slot] = instance;
    return instance;
  }

  /** SIGKILL, then the same slot (and port) comes back as a new process. */
  async killAndRestart(slot: number): Promise<Instance> {
    const instance = this.instances[slot];
    if (!instance) throw new Error(`no instance in slot ${slot}`);
    this.retire(instance);
    instance.child.kill('SIGKILL');
    await instance.exited;
    return this.start(slot, instance.port);
  }

  /** SIGTERM and wait; resolves with the exit code and how long it took. */
  async terminate(slot: number): Promise<{ code: number | null; ms: number }> {
    const instance = this.instances[slot];
    if (!instance) throw new Error(`no instance in slot ${slot}`);
    const started = Date.now();
    this.sample();
    instance.child.kill('SIGTERM');
    const code = await instance.exited;
    this.cpuOfGone += Math.max(0, this.lastCpu.get(instance.child.pid!) ?? instance.cpuAtReady) - instance.cpuAtReady;
    this.instances[slot] = undefined;
    return { code, ms: Date.now() - started };
  }

  private readonly lastCpu = new Map<number, number>();

  private retire(instance: Instance): void {
    const usage = readUsage(instance.child.pid!);
    if (usage) {
      this.cpuOfGone += usage.cpuMs - instance.cpuAtReady;
      this.rssPeak = Math.max(this.rssPeak, usage.rssPeakMb);
    }
    this.instances[instance.slot] = undefined;
  }

  private sample(): void {
    for (const instance of this.instances) {
      if (!instance) continue;
      const usage = readUsage(instance.child.pid!);
      if (!usage) continue;
      this.lastCpu.set(instance.child.pid!, usage.cpuMs);
      this.rssPeak = Math.max(this.rssPeak, usage.rssPeakMb);
    }
  }

  /** CPU ms since each process became ready, summed over live and gone processes; peak RSS of any one. */
  usage(): Usage {
    this.sample();
    let cpu = this.cpuOfGone;
    for (const instance of this.instances) {
      if (!instance) continue;
      cpu += (readUsage(instance.child.pid!)?.cpuMs ?? instance.cpuAtReady) - instance.cpuAtReady;
    }
    return { cpuMs: cpu, rssPeakMb: this.rssPeak };
  }

  /** Resets the CPU baseline of live instances (e.g. after a warm-up). */
  rebase(): void {
    this.cpuOfGone = 0;
    for (const instance of this.instances) if (instance) instance.cpuAtReady = readUsage(instance.child.pid!)?.cpuMs ?? instance.cpuAtReady;
  }

  async stopAll(): Promise<void> {
    clearInterval(this.sampler);
    await Promise.all(
      this.instances.map(async (instance) => {
        if (!instance) return;
        instance.child.kill('SIGTERM');
        const timer = setTimeout(() => instance.child.kill('SIGKILL'), 15_000);
        await instance.exited;
        clearTimeout(timer);
      }),
    );
  }
}

async function waitHealthy(url: string, exited: Promise<number | null>, stderr: string[]): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`service exited with ${gone} during start-up:\n${stderr.join('').slice(-3000)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`service at ${url} did not become healthy:\n${stderr.join('').slice(-3000)}`);
}
