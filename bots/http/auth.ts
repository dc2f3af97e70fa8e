/**
 * Bearer-token auth for the REST API. The token is compared in constant time. Without a configured
 * token the API answers only loopback callers, so a fresh local install works and nothing is exposed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../core/model/errors.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function requireApiAuth(token: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!token) {
      // A reverse proxy on the same host makes every outside caller look local; proxies add these headers.
      const proxied = req.get('forwarded') ?? req.get('x-forwarded-for') ?? req.get('x-real-ip');
      if (LOOPBACK.has(req.socket.remoteAddress ?? '') && proxied === undefined) return next();
      return next(new AppError('unauthorized', 'API_TOKEN is not set: the API only answers local, unproxied requests'));
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !sameSecret(match[1]!.trim(), token)) return next(new AppError('unauthorized', 'missing or wrong bearer token'));
    next();
  };
}
