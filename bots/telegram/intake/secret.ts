/**
 * Webhook secret check. Both sides are hashed first so the comparison takes the same time whatever the
 * length or content of the forged value.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Telegram's rule for `secret_token`: 1-256 of A-Z, a-z, 0-9, `_` and `-`. */
export const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

export function secretMatches(expected: string, received: string | undefined): boolean {
  if (!expected || received === undefined) return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(received, 'utf8').digest();
  return timingSafeEqual(a, b);
}
