/** Telegram's sending limits as rate-limiter buckets. Raise `globalPerSecond` for benchmarks on a fake API. */
import type { BucketRef } from './rate-limiter.ts';

export interface TelegramRateLimits {
  /** About 1 message per second in one chat. */
  perChatPerSecond: number;
  /** About 20 messages per minute in one group. */
  perGroupPerMinute: number;
  /** About 30 messages per second overall. */
  globalPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: TelegramRateLimits = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 };

/** Buckets for one call to `chatId`; the chat's own bucket comes first (it orders calls to that chat). */
export function bucketsFor(chatId: string, limits: TelegramRateLimits): BucketRef[] {
  const refs: BucketRef[] = [{ key: `chat:${chatId}`, limit: { count: limits.perChatPerSecond, windowMs: 1_000 } }];
  if (chatId.startsWith('-')) refs.push({ key: `group:${chatId}`, limit: { count: limits.perGroupPerMinute, windowMs: 60_000 } });
  refs.push({ key: 'global', limit: { count: limits.globalPerSecond, windowMs: 1_000 } });
  return refs;
}
