/**
 * Failures -> the outbox's `SendResult`. Telegram refusals are sorted by whether trying again can
 * help; anything that never reached an answer (network, timeouts, our own storage) is retryable.
 * Error texts are redacted: they end up in the outbox row and in logs.
 */
import type { SendResult } from '../../../core/model/delivery.ts';
import { describeError, redactToken, TelegramApiError } from '../api/errors.ts';

/** Why Telegram refused for good; stored with the dead-lettered delivery. */
export const REFUSAL_REASONS = [
  'blocked_by_user',
  'user_deactivated',
  'bot_kicked',
  'cannot_initiate',
  'forbidden',
  'chat_not_found',
  'thread_not_found',
  'chat_migrated',
  'bad_request',
  'unauthorized',
  'not_found',
  'rejected',
  'agents_chat_not_configured',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const FORBIDDEN: Array<[RegExp, RefusalReason]> = [
  [/blocked by the user/i, 'blocked_by_user'],
  [/user is deactivated/i, 'user_deactivated'],
  [/kicked/i, 'bot_kicked'],
  [/initiate conversation|not a member/i, 'cannot_initiate'],
];

const BAD_REQUEST: Array<[RegExp, RefusalReason]> = [
  [/chat not found/i, 'chat_not_found'],
  [/thread not found|topic_deleted|topic_closed/i, 'thread_not_found'],
  [/upgraded to a supergroup/i, 'chat_migrated'],
];

export function toSendResult(error: unknown): SendResult {
  if (!(error instanceof TelegramApiError)) return { ok: false, retryable: true, error: describeError(error) };
  const text = redactToken(error.message);
  const code = error.errorCode;
  if (code === 429) return { ok: false, retryable: true, retryAfterMs: Math.max(1, error.retryAfterSec ?? 1) * 1000, error: text };
  if (code >= 500 || code === 0) return { ok: false, retryable: true, error: text };
  return { ok: false, retryable: false, error: text, reason: refusalReason(code, error.description) };
}

export function refused(reason: RefusalReason, error: string): SendResult {
  return { ok: false, retryable: false, reason, error };
}

function refusalReason(code: number, description: string): RefusalReason {
  const table = code === 403 ? FORBIDDEN : code === 400 ? BAD_REQUEST : [];
  const match = table.find(([pattern]) => pattern.test(description));
  if (match) return match[1];
  if (code === 403) return 'forbidden';
  if (code === 400) return 'bad_request';
  if (code === 401) return 'unauthorized';
  if (code === 404) return 'not_found';
  return 'rejected';
}
