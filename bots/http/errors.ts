/** The one error handler of the HTTP surface: JSON errors with codes, never internals or stack traces. */
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/model/errors.ts';
import type { Logger } from '../../core/log.ts';

export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof AppError) {
      res.status(error.httpStatus).json({ error: { code: error.code, message: error.message } });
      return;
    }
    if (error instanceof z.ZodError) {
      res.status(400).json({ error: { code: 'validation_failed', message: z.prettifyError(error) } });
      return;
    }
    const status = (error as { status?: number; type?: string }).status;
    if (status && status >= 400 && status < 500) {
      // body-parser: malformed JSON, too large, wrong charset.
      res.status(status).json({ error: { code: 'validation_failed', message: (error as Error).message } });
      return;
    }
    log.error({ err: error, path: req.path }, 'request failed');
    const unavailable = /database|ECONNREFUSED|SQLITE_BUSY|timed out|Timed out/i.test(String((error as Error)?.message));
    res
      .status(unavailable ? 503 : 500)
      .json({ error: unavailable ? { code: 'storage_unavailable', message: 'storage is unavailable, try again shortly' } : { code: 'internal', message: 'internal error' } });
  };
}
