import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot, type TelegramBot } from '../../bots/telegram/bot.ts';
import { loadTelegramConfig } from '../../bots/telegram/config.ts';
import { TelegramStartupError } from '../../bots/telegram/startup/errors.ts';
import { startFakeTelegramApi, user, type FakeTelegramApi } from '../fakes/telegram-api/index.ts';
import { CaptureLogger } from './support/capture-logger.ts';
import { MemoryIntake } from './support/memory-intake.ts';

const AGENTS = -1001000000009;
const TOKEN_PATTERN = /\d+:[\w-]{30,}/;
let tg: FakeTelegramApi | undefined;
let bot: TelegramBot | undefined;
let server: Server | undefined;

afterEach(async () => {
  await bot?.stop();
  await tg?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  tg = bot = server = undefined;
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { TELEGRAM_BOT_TOKEN: tg!.token, TELEGRAM_API_ROOT: tg!.apiRoot, TELEGRAM_AGENT_CHAT_ID: String(AGENTS), TELEGRAM_POLL_TIMEOUT_SEC: '1', ...extra };
}

describe('bot start-up', () => {
  it('refuses a token Telegram rejects with a clear error that does not contain the token', async () => {
    tg = await startFakeTelegramApi();
    const wrong = '111111:AAWrongTokenWrongTokenWrongTokenWrongToken';
    const logger = new CaptureLogger();
    bot = createTelegramBot(loadTelegramConfig(env({ TELEGRAM_BOT_TOKEN: wrong })), { intake: new MemoryIntake(), logger });
    const failure = await bot.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TelegramStartupError);
    expect((failure as TelegramStartupError).code).toBe('token_rejected');
    expect((failure as Error).message).toMatch(/^TELEGRAM_BOT_TOKEN was rejected by Telegram/);
    expect((failure as Error).message).not.toContain(wrong);
    expect(logger.lines.join('\n')).not.toMatch(TOKEN_PATTERN);
  });

  it('says clearly when the Bot API cannot be reached', async () => {
    tg = await startFakeTelegramApi();
    const config = loadTelegramConfig(env({ TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }));
    bot = createTelegramBot(config, { intake: new MemoryIntake(), logger: new CaptureLogger() });
    await expect(bot.start()).rejects.toMatchObject({ code: 'api_unreachable' });
  });

  it('registers the command menu in English and Russian, then polls and stores user messages', async () => {
    tg = await startFakeTelegramApi({ chats: [{ id: AGENTS, type: 'supergroup', is_forum: true }] });
    const intake = new MemoryIntake();
    const logger = new CaptureLogger();
    bot = createTelegramBot(loadTelegramConfig(env()), { intake, logger });
    await bot.start();
    expect([...tg.state.commands.keys()].sort()).toEqual(['', 'en', 'ru']);
    expect(JSON.stringify(tg.state.commands.get('ru'))).toContain('Связаться с сотрудником');
    tg.userSays(user(42, { language_code: 'ru' }), '/start');
    await tg.waitFor(() => intake.stored.length === 1);
    expect(intake.stored[0]).toMatchObject({ kind: 'requester', message: { text: '/start', sender: { languageCode: 'ru' } } });
    expect(logger.lines.join('\n')).not.toMatch(TOKEN_PATTERN);
  });

  it('in webhook mode sets the webhook with its secret and stores what Telegram pushes', async () => {
    tg = await startFakeTelegramApi();
    const app = express();
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/telegram`;
    const intake = new MemoryIntake();
    bot = createTelegramBot(loadTelegramConfig(env({ TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: 'hook_secret_123' })), { intake, logger: new CaptureLogger() });
    app.use(bot.webhookRouter!);
    tg.userSays(user(7), 'queued before start'); // answered 503 until start() finishes, then redelivered
    await bot.start();
    expect(tg.state.webhook).toEqual({ url, secret: 'hook_secret_123' });
    tg.userSays(user(7), 'after start');
    await tg.waitFor(() => intake.stored.length === 2);
    expect(intake.texts()).toEqual(['queued before start', 'after start']);
  });
});

describe('configuration', () => {
  const token = '123456:ABCdefGhIJKlmNoPQRstuVWxyz0123456789';

  it('defaults to polling on api.telegram.org with Telegram limits', () => {
    const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: token });
    expect(config).toMatchObject({
      apiRoot: 'https://api.telegram.org',
      notePrefix: '//',
      transport: { mode: 'polling', timeoutSec: 30, gatherMs: 10 },
      limits: { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 },
    });
    expect(config.agentChatId).toBeUndefined();
  });

  it('refuses webhook mode without a secret', () => {
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg', TELEGRAM_WEBHOOK_SECRET: '' })).toThrow(
      expect.objectContaining({ code: 'webhook_secret_missing' }),
    );
  });

  it('derives the webhook route from the URL and reads raised limits for benchmarks', () => {
    const config = loadTelegramConfig({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123',
      TELEGRAM_RATE_GLOBAL_PER_SEC: '5000',
      TELEGRAM_AGENT_CHAT_FORUM: 'no',
    });
    expect(config.transport).toEqual({ mode: 'webhook', url: 'https://bot.example.com/tg/hook', path: '/tg/hook', secret: 'abc_DEF-123' });
    expect(config.limits.globalPerSecond).toBe(5000);
    expect(config.agentChatIsForum).toBe(false);
  });

  it('names the broken setting without echoing the token', () => {
    const bad = '123456789:short but secret value';
    const error = (() => {
      try {
        loadTelegramConfig({ TELEGRAM_BOT_TOKEN: bad, TELEGRAM_AGENT_CHAT_ID: 'agents' });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a configuration error');
    })();
    expect(error.message).toContain('TELEGRAM_BOT_TOKEN');
    expect(error.message).toContain('TELEGRAM_AGENT_CHAT_ID');
    expect(error.message).not.toContain('secret value');
  });
});
