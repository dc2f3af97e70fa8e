/** The Bot API client's transport: answers, timeouts and aborts (a stopping long poll) against a real local server. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson } from '../../bots/telegram/api/http-post.ts';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot1:x/getMe`;
}

describe('postJson', () => {
  it('posts JSON and returns status and body', async () => {
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ got: JSON.parse(body), type: req.headers['content-type'] })));
    });
    const result = await postJson(url, JSON.stringify({ text: 'привет' }), { timeoutMs: 2000 });
    expect(result.status).toBe(201);
    expect(JSON.parse(result.text)).toEqual({ got: { text: 'привет' }, type: 'application/json' });
  });

  it('sends extra headers (a webhook secret) but keeps its own content type and length', async () => {
    const url = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.end(JSON.stringify({ secret: req.headers['x-telegram-bot-api-secret-token'], type: req.headers['content-type'], length: req.headers['content-length'] })));
    });
    const result = await postJson(url, '{"a":1}', { timeoutMs: 2000, headers: { 'x-telegram-bot-api-secret-token': 's3', 'content-type': 'text/plain', 'content-length': '1' } });
    expect(JSON.parse(result.text)).toEqual({ secret: 's3', type: 'application/json', length: '7' });
  });

  it('gives up after the timeout when the server does not answer', async () => {
    const url = await serve(() => {});
    const started = Date.now();
    await expect(postJson(url, '{}', { timeoutMs: 150 })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops at once when aborted', async () => {
    const url = await serve(() => {});
    const abort = new AbortController();
    const pending = postJson(url, '{}', { timeoutMs: 30_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('retries once on a new connection when a kept-alive one turns out closed', async () => {
    let requests = 0;
    const url = await serve((req, res) => {
      requests += 1;
      // The second request on the first connection: the server drops it unanswered, as a server does
      // when it closes an idle keep-alive connection at the moment the request arrives.
      if (requests === 2) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    expect((await postJson(url, '{}', { timeoutMs: 2000 })).status).toBe(200);
    const second = await postJson(url, '{}', { timeoutMs: 2000 });
    expect(second.status).toBe(200);
    expect(requests).toBe(3);
  });
});
