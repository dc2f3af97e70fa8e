/**
 * Typed error codes. Each code maps to an HTTP status and a message safe to show; bots only ever show the
 * user message, never internals. Keyed by a union so the compiler catches a missing code.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_transition'
  | 'conflict'
  | 'unknown_agent'
  | 'storage_unavailable'
  | 'internal';

const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  invalid_transition: 409,
  conflict: 409,
  unknown_agent: 403,
  storage_unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
