/** Configuration: one schema, clear errors naming the setting, and .env.example in step with it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, ConfigError } from '../../core/config.ts';
import { loadTelegramConfig } from '../../bots/telegram/config.ts';
import { parseSlackConfig } from '../../bots/slack/config.ts';

function exampleEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

describe('configuration', () => {
  it('starts with nothing set: SQLite, loopback, default SLA', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, ticketPrefix: 'FL', reopenWindowMs: 72 * 3600_000 });
    expect(config.autoRegisterAgents).toEqual(['slack']);
  });

  it('accepts .env.example as it is, for the service and both channels', () => {
    const env = exampleEnv();
    expect(() => parseConfig(env)).not.toThrow();
    expect(parseSlackConfig(env)).toBeUndefined();
    expect(env.TELEGRAM_BOT_TOKEN).toBe('');
  });

  it('documents every variable the schemas read', () => {
    const documented = new Set(Object.keys(exampleEnv()));
    const sources = ['core/config.ts', 'core/lease/config.ts', 'bots/telegram/config.ts', 'bots/slack/config.ts'].map((p) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8'));
    const read = new Set(sources.flatMap((s) => [...s.matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)].map((m) => m[1]!)));
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('names the setting in errors', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT: must be a whole number/);
    expect(() => parseConfig({ API_TOKEN: 'short' })).toThrow(/API_TOKEN: must be at least 16/);
    expect(() => parseConfig({ FRONTLINE_AGENTS: '[{"name":""}]' })).toThrow(ConfigError);
    expect(() => parseConfig({ FRONTLINE_AGENTS: 'not json' })).toThrow(/FRONTLINE_AGENTS: not valid JSON/);
    expect(() => parseConfig({ SLA_CONFIG: '{"defaultCalendar":"x","calendars":{"x":{"type":"business_hours","timeZone":"Mars/Base","workingDays":["mon"],"hours":["09:00-18:00"]}}}' })).toThrow(/SLA_CONFIG.calendars.x.timeZone.*Mars\/Base/);
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: 'not-a-token' })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_URL: 'https://x.example/tg' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it('does not read "false" as true', () => {
    expect(parseConfig({ KNOWLEDGE_WATCH: 'false' }).knowledgeWatch).toBe(false);
    expect(parseConfig({ AUTO_REGISTER_SLACK_AGENTS: 'false' }).autoRegisterAgents).toEqual([]);
    expect(() => parseConfig({ KNOWLEDGE_WATCH: 'maybe' })).toThrow(/KNOWLEDGE_WATCH/);
  });

  it('refuses to listen beyond loopback without an API token', () => {
    expect(() => parseConfig({ HOST: '0.0.0.0' })).toThrow(/API_TOKEN: required when HOST/);
    expect(parseConfig({ HOST: '0.0.0.0', API_TOKEN: 'a-long-enough-token-123' }).host).toBe('0.0.0.0');
  });

  it('maps configured agents to channel identities, keeping 52-bit Telegram ids exact', () => {
    const config = parseConfig({ FRONTLINE_AGENTS: '[{"name":"Bob","telegram":"4503599627370497","slack":"U0123ABCD"}]' });
    expect(config.agents[0]!.identities).toEqual([
      { channel: 'telegram', externalUserId: '4503599627370497' },
      { channel: 'slack', externalUserId: 'U0123ABCD' },
    ]);
  });
});
