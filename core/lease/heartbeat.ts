/**
 * Instance liveness through leases: every instance holds `instance:<id>` while it runs. Work claimed by
 * an instance whose heartbeat expired (killed, frozen, machine gone) is released for the others, so a
 * crash delays a claimed send by about one TTL instead of the claim's whole lock time.
 */
import type { LeaseStore } from './lease-store.ts';
import { Leadership } from './leadership.ts';

export const INSTANCE_LEASE_PREFIX = 'instance:';

export class Heartbeat {
  private readonly lease: Leadership;

  constructor(
    private readonly leases: LeaseStore,
    readonly instanceId: string,
    ttlMs: number,
    log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
  ) {
    this.lease = new Leadership(leases, { name: `${INSTANCE_LEASE_PREFIX}${instanceId}`, holder: instanceId, ttlMs }, { info: () => {}, warn: log.warn.bind(log) });
  }

  start(): void {
    this.lease.start({ onElected: () => {}, onDeposed: () => {} });
  }

  stop(): Promise<void> {
    return this.lease.stop();
  }

  /** Instances alive now (this one included). */
  async alive(): Promise<Set<string>> {
    const holders = await this.leases.liveHolders(INSTANCE_LEASE_PREFIX);
    return new Set([...holders, this.instanceId]);
  }
}
