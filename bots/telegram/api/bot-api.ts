/**
 * A small Bot API client over node:http keep-alive connections (http-post.ts: abortable long polls,
 * timeouts, a fraction of fetch's CPU per request) with error handling under our control. Method names and parameter/result types come from telegraf's
 * typings, so a typo in a method or field is a compile error.
 *
 * @example
 * const api = new BotApi({ token, apiRoot: 'http://127.0.0.1:8081' });
 * const me = await api.call('getMe', {});
 */
import type { Opts, Telegram } from 'telegraf/types';
import { TelegramApiError, TelegramNetworkError } from './errors.ts';
import { postJson } from './http-post.ts';

export type MethodName = keyof Telegram;
export type MethodParams<M extends MethodName> = Opts<M>;
export type MethodResult<M extends MethodName> = ReturnType<Telegram[M]>;

export interface BotApiOptions {
  token: string;
  /** Default https://api.telegram.org; point at a self-hosted Bot API server or a fake in tests. */
  apiRoot?: string;
  /** Per-request timeout; long polls add their own `timeout` on top. */
  requestTimeoutMs?: number;
  /** A fetch to use instead of the default transport (node:http keep-alive, http-post.ts). */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

interface ApiResponse {
  ok?: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export class BotApi {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch | undefined;
  private readonly requestTimeoutMs: number;

  constructor(options: BotApiOptions) {
    const root = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
    this.baseUrl = `${root}/bot${options.token}/`;
    this.fetchFn = options.fetch;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Calls one method; throws `TelegramApiError` when Telegram refuses, `TelegramNetworkError` otherwise. */
  async call<M extends MethodName>(method: M, params: MethodParams<M>, options: CallOptions = {}): Promise<MethodResult<M>> {
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    let body: ApiResponse;
    try {
      if (this.fetchFn) {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        const response = await this.fetchFn(this.baseUrl + method, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(params ?? {}),
          signal,
        });
        body = parseBody(await response.text(), response.status, response.statusText);
      } else {
        const response = await postJson(this.baseUrl + method, JSON.stringify(params ?? {}), { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
        body = parseBody(response.text, response.status, response.statusText);
      }
    } catch (error) {
      throw new TelegramNetworkError(method, error);
    }
    if (body.ok === true) return body.result as MethodResult<M>;
    throw new TelegramApiError(
      method,
      body.error_code ?? 0,
      body.description ?? 'no description',
      body.parameters?.retry_after,
      body.parameters?.migrate_to_chat_id,
    );
  }
}

function parseBody(text: string, status: number, statusText: string): ApiResponse {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as ApiResponse;
  } catch {
    // fall through: a proxy or load balancer answered with something that is not the Bot API
  }
  return { ok: false, error_code: status, description: `HTTP ${status} ${statusText}`.trim() };
}
