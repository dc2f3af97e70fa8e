/** Start-up failures with one code each; `message` is what the operator reads. */
export const STARTUP_ERROR_CODES = ['token_rejected', 'api_unreachable', 'webhook_secret_missing', 'invalid_config'] as const;
export type StartupErrorCode = (typeof STARTUP_ERROR_CODES)[number];

export class TelegramStartupError extends Error {
  override readonly name = 'TelegramStartupError';
  constructor(
    readonly code: StartupErrorCode,
    message: string,
  ) {
    super(message);
  }
}
