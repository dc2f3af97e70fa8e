/**
 * The Web API client, from bolt's bundled `@slack/web-api`, with its own retries switched off: the
 * outbox owns retrying, and a 429 must come back to it (with Retry-After) instead of being slept on here.
 */
import { webApi } from '@slack/bolt';
import type { SlackLogger } from '../logger.ts';
import { toSdkLogger } from '../sdk-logger.ts';

export type SlackWebClient = webApi.WebClient;

export interface WebClientOptions {
  /** Web API base (`SLACK_API_URL`), e.g. https://slack.com/api/ */
  apiUrl: string;
  logger: SlackLogger;
  /** Per-request timeout; a timeout is a retryable network failure. */
  timeoutMs?: number;
}

export function createWebClient(token: string, options: WebClientOptions): SlackWebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    allowAbsoluteUrls: false,
    logger: toSdkLogger(options.logger, 'web-api'),
    logLevel: webApi.LogLevel.WARN,
  });
}
