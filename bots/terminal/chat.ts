/**
 * `npm run chat`: talk to the bot as a user, in the terminal. Connects to the running service
 * (FRONTLINE_URL, default http://127.0.0.1:$PORT); if none answers, starts one in this process on a free
 * port with the same settings. Buttons appear as numbered choices: type the number to press one.
 *   npm run chat -- --user alice --lang ru
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ApiClient } from './api-client.ts';
import { renderForTerminal } from './render.ts';
import type { OutboundReply } from '../../core/model/messages.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

const { values } = parseArgs({
  options: { user: { type: 'string', default: process.env.USER ?? 'me' }, lang: { type: 'string' }, url: { type: 'string' } },
});
const user = (values.user ?? 'me').replace(/[^\w.@-]/g, '_').slice(0, 64) || 'me';

async function connect(): Promise<{ api: ApiClient; stop?: () => Promise<void> }> {
  const url = values.url ?? process.env.FRONTLINE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const remote = new ApiClient(url, process.env.API_TOKEN);
  if (await remote.reachable()) return { api: remote };
  // No service running: start one here, quietly, on a free port.
  const { parseConfig } = await import('../../core/config.ts');
  const { startService } = await import('../service.ts');
  const { createLogger } = await import('../../core/log.ts');
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  const service = await startService(parseConfig(env), { env, log: createLogger({ level: 'warn' }) });
  return { api: new ApiClient(service.url, process.env.API_TOKEN), stop: () => service.stop() };
}

async function main(): Promise<void> {
  const { api, stop } = await connect();
  console.log(`Connected to ${api.baseUrl} as "${user}". Type your question; /help for commands; Ctrl+D to quit.\n`);
  const path = (after: number) => `/api/terminal/replies?user=${encodeURIComponent(user)}&after=${after}`;
  let after = (await api.request<{ replies: Array<{ id: number }> }>('GET', path(0))).replies.at(-1)?.id ?? 0;
  let choices: string[] = [];

  // One poll at a time, so no reply is printed twice.
  let polling: Promise<number> = Promise.resolve(0);
  const pollOnce = () =>
    (polling = polling.then(async () => {
      const { replies } = await api.request<{ replies: Array<{ id: number; reply: OutboundReply }> }>('GET', path(after));
      for (const { id, reply } of replies) {
        const rendered = renderForTerminal(reply, 1);
        if (rendered.choices.length) choices = rendered.choices;
        console.log(`\nbot> ${rendered.text.replace(/\n/g, '\n     ')}\n`);
        after = id;
      }
      return replies.length;
    }));
  /** Waits for the burst of replies to a message: until it has been quiet for a moment after the first one. */
  const awaitReplies = async (maxMs: number) => {
    const deadline = Date.now() + maxMs;
    let got = 0;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const n = await pollOnce();
      if (n > 0) quietSince = Date.now();
      got += n;
      if (got > 0 && Date.now() - quietSince > 600) return;
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  // Agents' replies arrive at any time: keep polling in the background too.
  const background = setInterval(() => void pollOnce().catch(() => {}), 2_000);
  // The async iterator buffers lines typed (or pasted) while we wait for replies; question() would drop them.
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  rl.prompt();
  try {
    for await (const line of rl) {
      const text = line.trim();
      if (text) {
        const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
        await api.request('POST', '/api/terminal/messages', {
          user,
          id: randomUUID(),
          text: picked ? '' : text,
          ...(picked ? { payload: picked } : {}),
          ...(values.lang ? { language: values.lang } : {}),
        });
        await awaitReplies(5_000);
      }
      rl.prompt();
    }
  } finally {
    clearInterval(background);
    await polling.catch(() => {});
    rl.close();
    await stop?.();
  }
}

main().catch((error: unknown) => {
  console.error(`chat: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
