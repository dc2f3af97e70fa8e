/**
 * Tells "Slack refused" from "try again later": 429 and transient platform errors are retryable (with
 * Retry-After when given), network failures and 5xx are retryable, everything else (channel_not_found,
 * not_in_channel, invalid_auth, …) is final. Error texts are redacted: no token ever leaves here.
 */
import { webApi } from '@slack/bolt';
import type { SendResult } from '../../../core/model/delivery.ts';
import { describeError, redactSecrets } from '../logger.ts';

type Failure = Exclude<SendResult, { ok: true }>;

/** Platform error codes that mean "later", not "never". */
const TRANSIENT_CODES = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

function hasCode(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** The `error` code of a Slack `ok:false` response, when that is what was thrown. */
export function platformCode(error: unknown): string | undefined {
  if (!hasCode(error) || error.code !== webApi.ErrorCode.PlatformError) return undefined;
  return (error as webApi.WebAPIPlatformError).data.error;
}

export function classifyFailure(method: string, error: unknown): Failure {
  if (!hasCode(error)) return { ok: false, retryable: true, error: `${method}: ${describeError(error)}` };
  switch (error.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
      return { ok: false, retryable: true, retryAfterMs: Math.max(0, seconds) * 1000, error: `${method}: rate limited (429)` };
    }
    case webApi.ErrorCode.PlatformError: {
      const code = platformCode(error) ?? 'unknown_error';
      if (TRANSIENT_CODES.has(code)) return { ok: false, retryable: true, error: `${method}: ${code}` };
      return { ok: false, retryable: false, error: `${method}: ${redactSecrets(code)}`, reason: code };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = (error as webApi.WebAPIHTTPError).statusCode;
      const retryable = status >= 500 || status === 408;
      return retryable
        ? { ok: false, retryable: true, error: `${method}: HTTP ${status}` }
        : { ok: false, retryable: false, error: `${method}: HTTP ${status}`, reason: `http_${status}` };
    }
    default:
      // Request errors (DNS, reset, timeout) and anything unexpected: try again.
      return { ok: false, retryable: true, error: `${method}: ${describeError(error)}` };
  }
}
