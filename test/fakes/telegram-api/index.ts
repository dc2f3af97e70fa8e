export { startFakeTelegramApi, FAKE_TOKEN, type FakeTelegramApi, type FakeTelegramApiOptions, type FailureSpec } from './server.ts';
export type { SentMessage, FakeChat, FakeTopic } from './state.ts';
export type { FakeRateLimits } from './rate.ts';
export * from './updates.ts';
