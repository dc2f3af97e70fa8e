export { LeaseStore } from './lease-store.ts';
export { Leadership, type LeaderTask, type LeadershipOptions } from './leadership.ts';
export { Heartbeat, INSTANCE_LEASE_PREFIX } from './heartbeat.ts';
export { parseLeaseSettings, type LeaseSettings } from './config.ts';
