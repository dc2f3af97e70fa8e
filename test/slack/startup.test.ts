import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackConfigError, parseSlackConfig } from '../../bots/slack/config.ts';
import { silentLogger } from '../../bots/slack/logger.ts';
import { createWebClient } from '../../bots/slack/send/web-client.ts';
import { SlackStartupError, verifyBotToken } from '../../bots/slack/startup.ts';

const TOKEN = 'xoxb-111-222-startupSECRET';
const client = () => createWebClient(TOKEN, { apiUrl: 'https://slack.test/api/', logger: silentLogger });

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('auth.test at start-up', () => {
  it('returns who we are', async () => {
    nock('https://slack.test')
      .post('/api/auth.test')
      .reply(200, { ok: true, url: 'https://acme.slack.com/', team_id: 'T1', user_id: 'UBOT', bot_id: 'B1' });
    expect(await verifyBotToken(client())).toEqual({ botUserId: 'UBOT', botId: 'B1', teamId: 'T1', teamUrl: 'https://acme.slack.com/' });
  });

  it('fails clearly on a wrong token, without echoing it', async () => {
    nock('https://slack.test').post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    const error = await verifyBotToken(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackStartupError);
    expect((error as Error).message).toBe('SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
  });

  it('tells an unreachable Slack apart from a rejected token', async () => {
    nock('https://slack.test').post('/api/auth.test').reply(503, 'down');
    await expect(verifyBotToken(client())).rejects.toThrow(/Could not reach Slack/);
  });
});

describe('Slack configuration', () => {
  it('is off without a bot token', () => {
    expect(parseSlackConfig({})).toBeUndefined();
    expect(parseSlackConfig({ SLACK_BOT_TOKEN: '' })).toBeUndefined();
  });

  it('chooses Socket Mode when an app token is set, HTTP otherwise', () => {
    expect(parseSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })?.mode).toBe('socket');
    const http = parseSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret', SLACK_API_URL: 'http://localhost:9/api' });
    expect(http).toMatchObject({ mode: 'http', apiUrl: 'http://localhost:9/api/', notePrefix: '//' });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' }, /SLACK_SIGNING_SECRET/],
    [{ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 's' }, /bot token/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, /app-level token/],
  ])('refuses %j', (env, message) => {
    expect(() => parseSlackConfig(env)).toThrow(SlackConfigError);
    expect(() => parseSlackConfig(env)).toThrow(message);
  });
});
