/** Lease timing, from the environment (validated once at start-up). */
import { z } from 'zod';

export interface LeaseSettings {
  /** How long a lease lasts without renewal: the longest a dead leader blocks a successor. */
  ttlMs: number;
}

const schema = z.object({
  LEASE_TTL_MS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(500).max(600_000).default(10_000)),
});

export function parseLeaseSettings(env: Record<string, string | undefined>): LeaseSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`LEASE_TTL_MS: ${parsed.error.issues[0]?.message ?? 'invalid'} (milliseconds, 500-600000)`);
  return { ttlMs: parsed.data.LEASE_TTL_MS };
}
