/**
 * Adapts our logger to the `@slack/logger` interface the Slack SDKs (WebClient, Socket Mode) expect,
 * redacting tokens from everything they log.
 */
import { webApi } from '@slack/bolt';
import { redactSecrets, type SlackLogger } from './logger.ts';

type SdkLogger = NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>['logger'] & object;

const ORDER = ['debug', 'info', 'warn', 'error'] as const;

export function toSdkLogger(logger: SlackLogger, name = 'slack-sdk'): SdkLogger {
  let level: webApi.LogLevel = webApi.LogLevel.INFO;
  const enabled = (wanted: (typeof ORDER)[number]): boolean => ORDER.indexOf(wanted) >= ORDER.indexOf(level as (typeof ORDER)[number]);
  const line = (parts: unknown[]): string =>
    redactSecrets(parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' '));
  return {
    debug: (...msg: unknown[]) => enabled('debug') && logger.debug({ sdk: name }, line(msg)),
    info: (...msg: unknown[]) => enabled('info') && logger.info({ sdk: name }, line(msg)),
    warn: (...msg: unknown[]) => enabled('warn') && logger.warn({ sdk: name }, line(msg)),
    error: (...msg: unknown[]) => enabled('error') && logger.error({ sdk: name }, line(msg)),
    setLevel: (next: webApi.LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
