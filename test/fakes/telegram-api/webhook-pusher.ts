/**
 * Webhook delivery as Telegram does it: one update at a time, oldest first, with the secret header;
 * an update is dropped only after a 2xx, otherwise retried after a pause.
 */
import type { FakeState } from './state.ts';

export interface WebhookPusher {
  kick(): void;
  stop(): void;
}

export function startWebhookPusher(state: FakeState, retryMs = 200): WebhookPusher {
  let running = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;

  async function drain(): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      while (!stopped && state.webhook && state.updates.length) {
        const update = state.updates[0]!;
        const { url, secret } = state.webhook;
        const delivered = await post(url, secret, update);
        if (!delivered) {
          retryTimer = setTimeout(() => void drain(), retryMs);
          return;
        }
        if (state.updates[0] === update) state.updates.shift();
      }
    } finally {
      running = false;
    }
  }

  return {
    kick: () => void drain(),
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
    },
  };
}

async function post(url: string, secret: string | undefined, update: unknown): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
