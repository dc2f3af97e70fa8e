/**
 * Runs a task on exactly one instance at a time: the holder of a named lease. Every `renewEveryMs` the
 * instance tries to take or renew the lease; when it gets it, `onElected` starts the task, and when it
 * loses it (another took over after a stall, or the database could not confirm it before the lease ran
 * out) `onDeposed` stops it. `stop()` stops the task and releases the lease, so a successor starts at once
 * instead of after the TTL. A leader that dies without stopping is replaced once its lease expires.
 *
 * @example
 * const leader = new Leadership(leases, { name: 'telegram:poller', holder: instanceId, ttlMs: 10_000 }, log);
 * leader.start({ onElected: () => startPolling(), onDeposed: () => stopPolling() });
 * // ... on shutdown:
 * await leader.stop();
 */
import type { LeaseStore } from './lease-store.ts';

export interface LeadershipOptions {
  name: string;
  holder: string;
  ttlMs: number;
  /** Default: a third of the TTL. */
  renewEveryMs?: number;
}

export interface LeaderTask {
  onElected(): Promise<void> | void;
  onDeposed(): Promise<void> | void;
}

interface LeadershipLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export class Leadership {
  private timer: NodeJS.Timeout | undefined;
  private leader = false;
  private heldUntil = 0;
  private running: Promise<void> = Promise.resolve();
  private stopped = true;
  private task: LeaderTask | undefined;

  constructor(
    private readonly leases: LeaseStore,
    private readonly options: LeadershipOptions,
    private readonly log: LeadershipLog,
    private readonly now: () => number = Date.now,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  start(task: LeaderTask): void {
    this.task = task;
    this.stopped = false;
    this.tick();
  }

  /** Stops the task (if leading) and releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (this.leader) {
      this.leader = false;
      await this.task?.onDeposed();
      await this.leases.release(this.options.name, this.options.holder).catch((error: unknown) => {
        this.log.warn({ err: error, lease: this.options.name }, 'lease: release failed; it expires on its own');
      });
    }
  }

  private tick(): void {
    this.running = this.round().finally(() => {
      if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.options.renewEveryMs ?? Math.max(50, Math.floor(this.options.ttlMs / 3)));
    });
  }

  private async round(): Promise<void> {
    const { name, holder, ttlMs } = this.options;
    const asked = this.now();
    let held: boolean;
    try {
      held = await this.leases.tryAcquire(name, holder, ttlMs);
    } catch (error) {
      // Unsure: keep leading only while the last confirmed lease is surely still ours.
      held = this.leader && this.now() < this.heldUntil - Math.floor(ttlMs / 3);
      this.log.warn({ err: error, lease: name, stillLeader: held }, 'lease: could not renew');
    }
    if (this.stopped) {
      if (held && !this.leader) await this.leases.release(name, holder).catch(() => undefined);
      return;
    }
    if (held) this.heldUntil = asked + ttlMs;
    if (held && !this.leader) {
      this.leader = true;
      this.log.info({ lease: name, holder }, 'lease: elected');
      await this.task?.onElected();
    } else if (!held && this.leader) {
      this.leader = false;
      this.log.warn({ lease: name, holder }, 'lease: lost; stopping the task');
      await this.task?.onDeposed();
    }
  }
}
