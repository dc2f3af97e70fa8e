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
  let after = (await api.request<{ replies: Array<{ id: number }> }>('GET', `/api/terminal/replies?user=${encodeURIComponent(user)}&after=0`)).replies.at(-1)?.id ?? 0;
  let choices: string[] = [];

  const poll = async (waitMs: number) => {
    const deadline = Date.now() + waitMs;
    let quietSince = 0;
    while (Date.now() < deadline) {
      const { replies } = await api.request<{ replies: Array<{ id: number; reply: OutboundReply }> }>('GET', `/api/terminal/replies?user=${encodeURIComponent(user)}&after=${after}`);
      for (const { id, reply } of replies) {
        const rendered = renderForTerminal(reply, 1);
        if (rendered.choices.length) choices = rendered.choices;
        console.log(`\nbot> ${rendered.text.replace(/\n/g, '\n     ')}\n`);
        after = id;
        quietSince = 0;
      }
      // Replies come in a burst; stop once it has been quiet for a moment after the first one.
      if (replies.length === 0 && after > 0 && quietSince && Date.now() - quietSince > 500) return;
      if (replies.length === 0 && !quietSince) quietSince = Date.now();
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const background = setInterval(() => void poll(1).catch(() => {}), 2_000);
  try {
    for (;;) {
      const line = await rl.question('you> ').catch(() => undefined);
      if (line === undefined) break;
      const text = line.trim();
      if (!text) continue;
      const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
      await api.request('POST', '/api/terminal/messages', {
        user,
        id: randomUUID(),
        text: picked ? '' : text,
        ...(picked ? { payload: picked } : {}),
        ...(values.lang ? { language: values.lang } : {}),
      });
      await poll(4_000);
    }
  } finally {
    clearInterval(background);
    rl.close();
    await stop?.();
  }
}

main().catch((error: unknown) => {
  console.error(`chat: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
