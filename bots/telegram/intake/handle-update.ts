/**
 * One update, from either transport: normalise, store through the intake port, then answer a button
 * press. Resolves once the update is stored (or deliberately ignored) -- only then may the transport
 * acknowledge it. Rejects when storing failed or took too long; the transport must not acknowledge.
 */
import type { IntakePort } from '../../../core/model/intake.ts';
import type { BotApi } from '../api/bot-api.ts';
import { describeError } from '../api/errors.ts';
import type { TelegramLogger } from '../logger.ts';
import type { NormaliseOptions } from '../normalise/options.ts';
import { normaliseUpdate } from '../normalise/update.ts';

export type UpdateOutcome = 'stored' | 'duplicate' | 'ignored';
export type UpdateHandler = (update: unknown) => Promise<UpdateOutcome>;

export interface UpdateHandlerDeps {
  intake: IntakePort;
  /** Normalisation settings; read on every update (the bot id is filled in after getMe). */
  normalise: () => NormaliseOptions;
  /** Used to answer button presses; optional in tests. */
  api?: BotApi;
  logger: TelegramLogger;
  /** A store that takes longer than this counts as failed (default 30 s). */
  acceptTimeoutMs?: number;
}

export class IntakeTimeoutError extends Error {
  override readonly name = 'IntakeTimeoutError';
}

export function createUpdateHandler(deps: UpdateHandlerDeps): UpdateHandler {
  const timeoutMs = deps.acceptTimeoutMs ?? 30_000;
  return async (update) => {
    const result = normaliseUpdate(update, deps.normalise());
    let outcome: UpdateOutcome = 'ignored';
    if (result.kind === 'ignored') {
      deps.logger.debug({ updateId: updateIdOf(update), reason: result.reason }, 'telegram: update ignored');
    } else {
      const stored = await withTimeout(deps.intake.accept(result.event), timeoutMs);
      outcome = stored.duplicate ? 'duplicate' : 'stored';
    }
    if (result.callbackQueryId) answerButton(deps, result.callbackQueryId);
    return outcome;
  };
}

/** Stops the button's spinner. Best effort: a failure here must not un-store the update. */
function answerButton(deps: UpdateHandlerDeps, callbackQueryId: string): void {
  deps.api?.call('answerCallbackQuery', { callback_query_id: callbackQueryId }, { timeoutMs: 10_000 }).catch((error: unknown) => {
    deps.logger.debug({ detail: describeError(error) }, 'telegram: answerCallbackQuery failed');
  });
}

function updateIdOf(update: unknown): unknown {
  return update && typeof update === 'object' ? (update as { update_id?: unknown }).update_id : undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntakeTimeoutError(`intake.accept took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
