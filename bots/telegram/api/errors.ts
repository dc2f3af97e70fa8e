/**
 * Two kinds of failure, kept apart (grammY's GrammyError vs HttpError): Telegram answered and refused
 * (`TelegramApiError`, with its error code and `retry_after`), or we never got an answer
 * (`TelegramNetworkError`: connection refused/reset, timeout, unreadable body).
 */

const TOKEN_PATTERN = /\d+:[\w-]{30,}/g;

/** Replaces anything that looks like a bot token. Apply to every error text that may leave the adapter. */
export function redactToken(text: string): string {
  return text.replace(TOKEN_PATTERN, '<redacted-token>');
}

export class TelegramApiError extends Error {
  override readonly name = 'TelegramApiError';
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    /** Seconds to wait, from `parameters.retry_after` of a 429. */
    readonly retryAfterSec?: number,
    /** From `parameters.migrate_to_chat_id` when a group became a supergroup. */
    readonly migrateToChatId?: number,
  ) {
    super(redactToken(`Telegram ${method} failed: ${errorCode} ${description}`));
  }
}

export class TelegramNetworkError extends Error {
  override readonly name = 'TelegramNetworkError';
  constructor(
    readonly method: string,
    cause: unknown,
  ) {
    super(redactToken(`Telegram ${method} unreachable: ${describe(cause)}`));
  }
}

/** A short, redacted description of anything thrown, safe to log. */
export function describeError(error: unknown): string {
  return redactToken(describe(error));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : '';
    return `${error.message}${causeText}`;
  }
  return String(error);
}
