/**
 * Posts rendered messages to one chat, part by part, in order: waits for the rate limiter, resumes after
 * a partial failure (`ProgressMemo`), and after a 429 keeps that chat closed for `retry_after`.
 * Throws the Bot API's errors; the sender maps them to a `SendResult`.
 */
import type { Message, ReplyParameters } from 'telegraf/types';
import type { BotApi } from '../api/bot-api.ts';
import { TelegramApiError } from '../api/errors.ts';
import type { Clock } from '../clock.ts';
import type { RenderedMessage } from '../render/message.ts';
import { bucketsFor, type TelegramRateLimits } from './limits.ts';
import type { ProgressMemo } from './progress-memo.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Where in a chat a message goes: a forum topic, or under a root post (reply thread). */
export type Placement = { topicId: number } | { replyTo: number } | undefined;

export interface PostStep {
  outboxId: string;
  /** Distinguishes several posts within one delivery (e.g. 'card', 'notice'). */
  step: string;
}

export class ChatPoster {
  constructor(
    private readonly api: BotApi,
    private readonly limiter: RateLimiter,
    private readonly limits: TelegramRateLimits,
    private readonly memo: ProgressMemo,
    private readonly clock: Clock,
  ) {}

  /** Sends every part not sent yet; returns the id of the last message sent now (if any). */
  async post(chatId: string, message: RenderedMessage, placement: Placement, progress: PostStep): Promise<number | undefined> {
    let lastId: number | undefined;
    for (const [index, text] of message.parts.entries()) {
      const step = `${progress.step}:${index}`;
      if (this.memo.has(progress.outboxId, step)) continue;
      const isLast = index === message.parts.length - 1;
      const sent = await this.call(chatId, () =>
        this.api.call('sendMessage', {
          chat_id: chatId,
          text,
          parse_mode: 'HTML',
          ...placementParams(placement),
          ...(isLast && message.keyboard ? { reply_markup: message.keyboard } : {}),
        }),
      );
      this.memo.mark(progress.outboxId, step);
      lastId = (sent as Message).message_id;
    }
    return lastId;
  }

  /** Runs one Bot API call to `chatId` under the chat's rate limits. */
  async call<T>(chatId: string, request: () => Promise<T>): Promise<T> {
    const buckets = bucketsFor(chatId, this.limits);
    await this.limiter.acquire(buckets);
    try {
      return await request();
    } catch (error) {
      if (error instanceof TelegramApiError && error.errorCode === 429) {
        this.limiter.holdUntil(buckets[0]!.key, this.clock.now() + Math.max(1, error.retryAfterSec ?? 1) * 1000);
      }
      throw error;
    }
  }
}

function placementParams(placement: Placement): { message_thread_id?: number; reply_parameters?: ReplyParameters } {
  if (!placement) return {};
  if ('topicId' in placement) return { message_thread_id: placement.topicId };
  return { reply_parameters: { message_id: placement.replyTo, allow_sending_without_reply: true } };
}
