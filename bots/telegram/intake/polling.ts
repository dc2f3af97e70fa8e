/**
 * Long polling that confirms only what is stored. Telegram treats every update below the `offset` of the
 * next getUpdates as confirmed, so the offset moves past an update only after `handleUpdate` resolved
 * for it (stored, duplicate, or deliberately ignored). When storing fails, the loop stops advancing,
 * backs off and asks again from the first unstored update. (telegraf's `launch()` confirms a whole
 * batch before its handlers run, which is why this loop is our own.)
 *
 * @example
 * const polling = startPolling({ api, handleUpdate, logger });
 * // ... on shutdown:
 * await polling.stop();
 */
import type { BotApi } from '../api/bot-api.ts';
import { describeError, TelegramApiError } from '../api/errors.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { TelegramLogger } from '../logger.ts';
import { Backoff } from './backoff.ts';
import type { UpdateHandler } from './handle-update.ts';

export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export interface PollingOptions {
  api: BotApi;
  handleUpdate: UpdateHandler;
  logger: TelegramLogger;
  clock?: Clock;
  /** Long-poll timeout in seconds (default 30; 0 for short polling). */
  timeoutSec?: number;
  /** Updates per request, 1..100 (default 100). */
  limit?: number;
  /**
   * After a poll that returned some updates but fewer than `limit`, wait this long before the next one
   * (default 10 ms), so a steady stream arrives a few updates per request: fewer requests, inserts and
   * transactions per message, for a few milliseconds of latency. 0 polls again at once.
   */
  gatherMs?: number;
  backoff?: Backoff;
}

export interface PollingHandle {
  /** Ends the loop: aborts a pending long poll, lets a store in progress finish, confirms what was stored. */
  stop(): Promise<void>;
  /** The next offset to ask for (one past the last stored update). */
  readonly offset: number | undefined;
  /** Resolves when the loop has ended. */
  readonly done: Promise<void>;
}

export function startPolling(options: PollingOptions): PollingHandle {
  const clock = options.clock ?? systemClock;
  const backoff = options.backoff ?? new Backoff();
  const timeoutSec = options.timeoutSec ?? 30;
  const limit = options.limit ?? 100;
  const gatherMs = options.gatherMs ?? 10;
  const abort = new AbortController();
  const state = { offset: undefined as number | undefined };

  /** Resolves with the batch's size after it is stored; `progress.stored` counts updates stored before a failure. */
  async function pollOnce(progress: { stored: number }): Promise<number> {
    const updates = await options.api.call(
      'getUpdates',
      { ...(state.offset !== undefined ? { offset: state.offset } : {}), timeout: timeoutSec, limit, allowed_updates: [...ALLOWED_UPDATES] },
      { signal: abort.signal, timeoutMs: (timeoutSec + 15) * 1000 },
    );
    // Different chats' updates go to the intake together (it stores them in one multi-row insert); one
    // chat's updates one after another, and none after one that failed, so a chat's order holds whatever
    // the store does. The offset moves past the stored prefix only; after a failure the rest is asked for
    // again (any of it stored meanwhile is recognised as a duplicate).
    const sorted = [...updates].sort((a, b) => a.update_id - b.update_id);
    const chains = new Map<string, Promise<unknown>>();
    const handled = sorted.map((update) => {
      const chat = chatOf(update);
      const previous = chains.get(chat);
      const next = previous ? previous.then(() => options.handleUpdate(update)) : options.handleUpdate(update);
      chains.set(chat, next);
      return next;
    });
    // A later update may fail while an earlier one is still awaited: never an unhandled rejection.
    for (const promise of handled) promise.catch(() => {});
    for (const [i, update] of sorted.entries()) {
      try {
        await handled[i];
      } catch (error) {
        await Promise.allSettled(handled);
        throw error;
      }
      if (Number.isSafeInteger(update.update_id)) state.offset = Math.max(state.offset ?? 0, update.update_id + 1);
      progress.stored += 1;
    }
    return sorted.length;
  }

  async function loop(): Promise<void> {
    while (!abort.signal.aborted) {
      const progress = { stored: 0 };
      try {
        const count = await pollOnce(progress);
        backoff.reset();
        if (count > 0 && count < limit && gatherMs > 0) await clock.sleep(gatherMs, abort.signal);
      } catch (error) {
        if (abort.signal.aborted) break;
        if (progress.stored > 0) backoff.reset(); // a store that works again deserves a quick retry
        const delay = backoff.next();
        const level = error instanceof TelegramApiError && error.errorCode === 409 ? 'warn' : 'error';
        options.logger[level]({ offset: state.offset, retryInMs: delay, detail: describeError(error) }, 'telegram: polling failed; not advancing');
        await clock.sleep(delay, abort.signal);
      }
    }
    await confirmStored();
  }

  /** A last getUpdates with the current offset confirms the stored updates, so a restart does not replay them. */
  async function confirmStored(): Promise<void> {
    if (state.offset === undefined) return;
    try {
      await options.api.call('getUpdates', { offset: state.offset, limit: 1, timeout: 0 }, { timeoutMs: 5_000 });
    } catch (error) {
      options.logger.debug({ detail: describeError(error) }, 'telegram: final offset confirmation failed; updates will be replayed and deduplicated');
    }
  }

  const done = loop();
  return {
    async stop() {
      abort.abort();
      await done;
    },
    get offset() {
      return state.offset;
    },
    done,
  };
}

/** The chat an update belongs to (its order matters only within it); unknown shapes share one key. */
function chatOf(update: unknown): string {
  const u = update as { message?: { chat?: { id?: unknown } }; callback_query?: { message?: { chat?: { id?: unknown } }; from?: { id?: unknown } } };
  return String(u.message?.chat?.id ?? u.callback_query?.message?.chat?.id ?? u.callback_query?.from?.id ?? '');
}
