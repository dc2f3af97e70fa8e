/**
 * A tiny fake Slack Web API on 127.0.0.1 (random port) for end-to-end tests: the methods our adapter
 * calls (auth.test, conversations.open, chat.postMessage, chat.update, views.publish, views.open), with
 * the bot token checked, form or JSON bodies as @slack/web-api sends them, and every post remembered.
 * A loopback server survives a long flow better than nock interceptors (no per-request scopes).
 *
 * @example
 * const slack = await startFakeSlackApi({ token: 'xoxb-1-test' });
 * // SLACK_API_URL = slack.apiUrl
 * await slack.waitFor(() => slack.postsIn('CTRIAGE').length === 1);
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackPost {
  channel: string;
  ts: string;
  text: string;
  blocks: SlackBlock[];
  threadTs?: string;
}

export interface SlackBlock {
  type: string;
  block_id?: string;
  elements?: Array<{ type: string; action_id?: string; value?: string; text?: { text?: string } }>;
  [key: string]: unknown;
}

export interface FakeSlackApiOptions {
  token: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
}

export interface FakeSlackApi {
  readonly apiUrl: string;
  readonly posts: SlackPost[];
  readonly updates: SlackPost[];
  readonly calls: Map<string, number>;
  /** Posts in a channel, optionally only those in one thread. */
  postsIn(channel: string, threadTs?: string): SlackPost[];
  /** The DM channel id the fake hands out for a user (D + user id without its first letter). */
  dmOf(userId: string): string;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: FakeSlackApiOptions): Promise<FakeSlackApi> {
  const teamId = options.teamId ?? 'T0001';
  const botUserId = options.botUserId ?? 'UBOT';
  const posts: SlackPost[] = [];
  const updates: SlackPost[] = [];
  const calls = new Map<string, number>();
  let seq = 0;
  const nextTs = () => {
    seq += 1;
    return `${1_800_000_000 + seq}.${String(seq).padStart(6, '0')}`;
  };
  const dmOf = (userId: string) => `D${userId.slice(1)}`;

  const methods: Record<string, (p: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({ ok: true, url: 'https://acme.slack.test/', team: 'Acme', user: 'frontline', team_id: teamId, user_id: botUserId, bot_id: options.botId ?? 'B0001' }),
    'conversations.open': (p) => {
      const users = String(p['users'] ?? '');
      if (!/^[UW][A-Z0-9]+$/.test(users)) return { ok: false, error: 'user_not_found' };
      return { ok: true, channel: { id: dmOf(users) } };
    },
    'chat.postMessage': (p) => {
      const channel = String(p['channel'] ?? '');
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const text = String(p['text'] ?? '');
      const blocks = parseBlocks(p['blocks']);
      if (!text && blocks.length === 0) return { ok: false, error: 'no_text' };
      const ts = nextTs();
      posts.push({ channel, ts, text, blocks, ...(p['thread_ts'] ? { threadTs: String(p['thread_ts']) } : {}) });
      return { ok: true, channel, ts, message: { text, ts } };
    },
    'chat.update': (p) => {
      const channel = String(p['channel'] ?? '');
      const ts = String(p['ts'] ?? '');
      const original = posts.find((post) => post.channel === channel && post.ts === ts);
      if (!original) return { ok: false, error: 'message_not_found' };
      original.text = String(p['text'] ?? original.text);
      original.blocks = parseBlocks(p['blocks']);
      updates.push({ ...original });
      return { ok: true, channel, ts };
    },
    'views.publish': () => ({ ok: true, view: { id: 'V1' } }),
    'views.open': () => ({ ok: true, view: { id: 'V2' } }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\//, '').replace(/^\//, '');
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const params = await readParams(req);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(params['token'] ?? '');
    if (token !== options.token) return reply(res, { ok: false, error: 'invalid_auth' });
    const impl = methods[method];
    reply(res, impl ? impl(params) : { ok: false, error: 'unknown_method' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    posts,
    updates,
    calls,
    postsIn: (channel, threadTs) => posts.filter((p) => p.channel === channel && (threadTs === undefined || p.threadTs === threadTs)),
    dmOf,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Slack: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(res: ServerResponse, body: Record<string, unknown>): void {
  const json = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function parseBlocks(raw: unknown): SlackBlock[] {
  if (Array.isArray(raw)) return raw as SlackBlock[];
  if (typeof raw === 'string' && raw) return JSON.parse(raw) as SlackBlock[];
  return [];
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}
