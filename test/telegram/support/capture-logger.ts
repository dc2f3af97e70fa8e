/** A logger that keeps every line, to check what would reach the log sink. */
import type { LogFn, TelegramLogger } from '../../../bots/telegram/logger.ts';

export class CaptureLogger implements TelegramLogger {
  readonly lines: string[] = [];
  readonly debug = this.level('debug');
  readonly info = this.level('info');
  readonly warn = this.level('warn');
  readonly error = this.level('error');

  private level(name: string): LogFn {
    return ((objOrMsg: object | string, msg?: string) => {
      this.lines.push(`${name} ${typeof objOrMsg === 'string' ? objOrMsg : `${JSON.stringify(objOrMsg)} ${msg ?? ''}`}`);
    }) as LogFn;
  }
}
