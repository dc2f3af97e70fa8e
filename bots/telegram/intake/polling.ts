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
  const abort = new AbortController();
  const state = { offset: undefined as number | undefined };

  /** Resolves after the batch is stored; `progress.stored` counts updates stored before a failure. */
  async function pollOnce(progress: { stored: number }): Promise<void> {
    const updates = await options.api.call(
      'getUpdates',
      { ...(state.offset !== undefined ? { offset: state.offset } : {}), timeout: timeoutSec, limit: options.limit ?? 100, allowed_updates: [...ALLOWED_UPDATES] },
      { signal: abort.signal, timeoutMs: (timeoutSec + 15) * 1000 },
    );
    for (const update of [...updates].sort((a, b) => a.update_id - b.update_id)) {
      if (abort.signal.aborted) return;
      await options.handleUpdate(update);
      if (Number.isSafeInteger(update.update_id)) state.offset = Math.max(state.offset ?? 0, update.update_id + 1);
      progress.stored += 1;
    }
  }

  async function loop(): Promise<void> {
    while (!abort.signal.aborted) {
      const progress = { stored: 0 };
      try {
        await pollOnce(progress);
        backoff.reset();
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
