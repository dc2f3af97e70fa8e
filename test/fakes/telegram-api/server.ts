/**
 * A fake Telegram Bot API on 127.0.0.1 (random port) for end-to-end tests and load benchmarks: real
 * getUpdates offset and long-poll semantics (a second poller gets 409, as on Telegram), webhook
 * delivery with the secret header, rate limits answered with 429 + retry_after, and injectable
 * failures (5xx, connection resets) for a share of calls.
 *
 * @example
 * const tg = await startFakeTelegramApi({ chats: [{ id: -100500, type: 'supergroup', is_forum: true }] });
 * const bot = new BotApi({ token: tg.token, apiRoot: tg.apiRoot });
 * tg.userSays(user(42), 'VPN does not connect');
 * await tg.waitFor(() => tg.sentTo('42').length > 0);
 * await tg.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, METHODS, ok, type MethodContext, type Params, type Reply } from './methods.ts';
import { FakeRateEnforcer, type FakeRateLimits } from './rate.ts';
import { FakeState, type FakeChat, type QueuedUpdate, type SentMessage } from './state.ts';
import { privateMessage, type FakeUser, type UpdateBody } from './updates.ts';
import { startWebhookPusher } from './webhook-pusher.ts';

export const FAKE_TOKEN = '123456789:AAFakeTokenForTestsOnly_abcdefghijklmn';

export interface FailureSpec {
  /** Share of calls that fail, 0..1. */
  share: number;
  /** What a failure looks like: 500 before doing anything, 502 after doing it (a lost answer), or a reset. */
  kinds?: Array<'500' | '502-after' | 'reset'>;
  /** Only these methods fail (default: all but getMe). */
  methods?: string[];
}

export interface FakeTelegramApiOptions {
  token?: string;
  bot?: { id: number; username: string; first_name: string };
  chats?: FakeChat[];
  rateLimits?: FakeRateLimits;
  failures?: FailureSpec;
  /** Seed of the failure dice, for reproducible runs. */
  seed?: number;
  now?: () => number;
  /** Observes every authorised call before it is answered (e.g. to check getUpdates offsets). */
  onCall?: (method: string, params: Record<string, unknown>) => void;
}

export interface FakeTelegramApi {
  readonly apiRoot: string;
  readonly token: string;
  readonly state: FakeState;
  /** Calls per method, including refused ones. */
  readonly calls: Map<string, number>;
  enqueue(body: UpdateBody): QueuedUpdate;
  /** A user writes to the bot in private; returns the queued update. */
  userSays(from: FakeUser, text: string, extra?: Record<string, unknown>): QueuedUpdate;
  sentTo(chatId: string | number): SentMessage[];
  setFailures(spec: FailureSpec | undefined): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Poller {
  res: ServerResponse;
  offset: number | undefined;
  limit: number;
  timer: NodeJS.Timeout;
}

export async function startFakeTelegramApi(options: FakeTelegramApiOptions = {}): Promise<FakeTelegramApi> {
  const token = options.token ?? FAKE_TOKEN;
  const now = options.now ?? Date.now;
  const state = new FakeState();
  for (const chat of options.chats ?? []) state.chats.set(String(chat.id), chat);
  const ctx: MethodContext = {
    state,
    bot: options.bot ?? { id: 123456789, username: 'frontline_test_bot', first_name: 'Frontline' },
    now,
    ...(options.rateLimits ? { limiter: new FakeRateEnforcer(options.rateLimits, now) } : {}),
  };
  const calls = new Map<string, number>();
  let failures = options.failures;
  let seed = options.seed ?? 1;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0; // mulberry32
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let poller: Poller | undefined;
  const pusher = startWebhookPusher(state);

  function pendingFrom(offset: number | undefined, limit: number): QueuedUpdate[] {
    if (offset !== undefined) state.confirmBelow(offset);
    return state.updates.slice(0, limit);
  }

  function answerPoller(): void {
    if (!poller) return;
    const batch = pendingFrom(poller.offset, poller.limit);
    if (!batch.length) return;
    const { res, timer } = poller;
    poller = undefined;
    clearTimeout(timer);
    send(res, ok(batch));
  }

  function getUpdates(params: Params, res: ServerResponse): void {
    if (state.webhook) return send(res, fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
    if (poller) {
      const previous = poller;
      poller = undefined;
      clearTimeout(previous.timer);
      send(previous.res, fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    }
    const offset = params['offset'] === undefined ? undefined : Number(params['offset']);
    const limit = Math.min(100, Math.max(1, Number(params['limit'] ?? 100)));
    const batch = pendingFrom(offset, limit);
    const timeoutSec = Number(params['timeout'] ?? 0);
    if (batch.length || timeoutSec <= 0) return send(res, ok(batch));
    const timer = setTimeout(() => {
      if (poller?.res === res) poller = undefined;
      send(res, ok([]));
    }, timeoutSec * 1000);
    poller = { res, offset, limit, timer };
    res.on('close', () => {
      if (poller?.res === res) {
        clearTimeout(timer);
        poller = undefined;
      }
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return send(res, fail(404, 'Not Found'));
    const [, givenToken, method] = match as unknown as [string, string, string];
    calls.set(method, (calls.get(method) ?? 0) + 1);
    if (givenToken !== token) return send(res, fail(401, 'Unauthorized'));
    const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
    options.onCall?.(method, params);
    const failure = rollFailure(method);
    if (failure === 'reset') return void req.socket.destroy();
    if (failure === '500') return send(res, fail(500, 'Internal Server Error'));
    if (method === 'getUpdates') return getUpdates(params, res);
    const impl = METHODS[method];
    if (!impl) return send(res, fail(404, 'Not Found: method not found'));
    const reply = impl(params, ctx);
    if (method === 'setWebhook' || method === 'deleteWebhook') pusher.kick();
    send(res, failure === '502-after' ? fail(502, 'Bad Gateway') : reply);
  }

  function rollFailure(method: string): '500' | '502-after' | 'reset' | undefined {
    if (!failures || failures.share <= 0 || method === 'getMe') return undefined;
    if (failures.methods && !failures.methods.includes(method)) return undefined;
    if (random() >= failures.share) return undefined;
    const kinds = failures.kinds ?? ['500', 'reset'];
    return kinds[Math.floor(random() * kinds.length)];
  }

  function enqueue(body: UpdateBody): QueuedUpdate {
    const update = state.enqueue(body);
    answerPoller();
    pusher.kick();
    return update;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, fail(500, `fake error: ${String(error)}`)));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    state,
    calls,
    enqueue,
    userSays: (from, text, extra = {}) => enqueue(privateMessage(from, state.nextMessageId(String(from.id)), { text, ...extra })),
    sentTo: (chatId) => state.sentByChat.get(String(chatId)) ?? [],
    setFailures(spec) {
      failures = spec;
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Telegram: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      pusher.stop();
      if (poller) {
        clearTimeout(poller.timer);
        send(poller.res, ok([]));
        poller = undefined;
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readParams(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries([...new URLSearchParams(raw)].map(([key, value]) => [key, parseMaybeJson(value)]));
  }
  return JSON.parse(raw) as Params;
}

function parseMaybeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
