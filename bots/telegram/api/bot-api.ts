/**
 * A small Bot API client over the built-in fetch (keep-alive by default, abortable long polls, and
 * error handling under our control). Method names and parameter/result types come from telegraf's
 * typings, so a typo in a method or field is a compile error.
 *
 * @example
 * const api = new BotApi({ token, apiRoot: 'http://127.0.0.1:8081' });
 * const me = await api.call('getMe', {});
 */
import type { Opts, Telegram } from 'telegraf/types';
import { TelegramApiError, TelegramNetworkError } from './errors.ts';

export type MethodName = keyof Telegram;
export type MethodParams<M extends MethodName> = Opts<M>;
export type MethodResult<M extends MethodName> = ReturnType<Telegram[M]>;

export interface BotApiOptions {
  token: string;
  /** Default https://api.telegram.org; point at a self-hosted Bot API server or a fake in tests. */
  apiRoot?: string;
  /** Per-request timeout; long polls add their own `timeout` on top. */
  requestTimeoutMs?: number;
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
  private readonly fetchFn: typeof fetch;
  private readonly requestTimeoutMs: number;

  constructor(options: BotApiOptions) {
    const root = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
    this.baseUrl = `${root}/bot${options.token}/`;
    this.fetchFn = options.fetch ?? fetch;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Calls one method; throws `TelegramApiError` when Telegram refuses, `TelegramNetworkError` otherwise. */
  async call<M extends MethodName>(method: M, params: MethodParams<M>, options: CallOptions = {}): Promise<MethodResult<M>> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.requestTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let body: ApiResponse;
    try {
      const response = await this.fetchFn(this.baseUrl + method, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params ?? {}),
        signal,
      });
      body = await readBody(response);
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

async function readBody(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as ApiResponse;
  } catch {
    // fall through: a proxy or load balancer answered with something that is not the Bot API
  }
  return { ok: false, error_code: response.status, description: `HTTP ${response.status} ${response.statusText}`.trim() };
}
