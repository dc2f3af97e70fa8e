/**
 * Parsing KPI periods and filters from text (REST query strings and CLI flags) with one zod schema, so
 * both reject the same bad input with the same message.
 *
 * Dates: `2026-01-01` is midnight UTC of that day; a full ISO time needs an explicit offset
 * (`2026-01-01T09:00:00+03:00` or `...Z`). `to` is exclusive: `--from 2026-01-01 --to 2026-02-01` is January.
 */
import { z } from 'zod';
import { CHANNELS } from '../model/messages.ts';
import type { KpiQuery } from './types.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date or ISO date-time as above, or undefined when it is not one (e.g. 2026-02-30, "yesterday"). */
export function parseDateParam(text: string): Date | undefined {
  const day = DATE_ONLY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    // Date.UTC rolls 2026-02-30 over to March; a real calendar date survives the round trip.
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : undefined;
  }
  if (!DATE_TIME.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const dateParam = (name: string) =>
  z.string({ error: `"${name}" is required (YYYY-MM-DD)` }).transform((text, ctx) => {
    const date = parseDateParam(text.trim());
    if (!date) {
      ctx.addIssue({ code: 'custom', message: `"${name}" must be a date like 2026-01-31 or an ISO time with offset, got "${text}"` });
      return z.NEVER;
    }
    return date;
  });

const identifier = z.string().trim().min(1).max(64).regex(/^[\w.-]+$/, 'must be a short identifier');

const periodSchema = z.object({ from: dateParam('from'), to: dateParam('to') });

export const kpiQuerySchema = periodSchema
  .extend({
    channel: z.enum(CHANNELS).optional(),
    category: identifier.optional(),
    queue: identifier.optional(),
    agent: identifier.optional(),
  })
  .refine((q) => q.from < q.to, { message: '"to" must be later than "from"', path: ['to'] });

export const periodQuerySchema = periodSchema.refine((q) => q.from < q.to, { message: '"to" must be later than "from"', path: ['to'] });

export type ParsedQuery<T> = { ok: true; query: T } | { ok: false; message: string };

/** Validates raw parameters (query string or CLI flags) into a {@link KpiQuery}. */
export function parseKpiQuery(raw: unknown): ParsedQuery<KpiQuery> {
  const parsed = kpiQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const { from, to, channel, category, queue, agent } = parsed.data;
  return { ok: true, query: { from, to, ...(channel ? { channel } : {}), ...(category ? { category } : {}), ...(queue ? { queue } : {}), ...(agent ? { agentId: agent } : {}) } };
}

export function parsePeriodQuery(raw: unknown): ParsedQuery<KpiQuery> {
  const parsed = periodQuerySchema.safeParse(raw);
  return parsed.success ? { ok: true, query: parsed.data } : { ok: false, message: describeIssues(parsed.error) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return issue.message.startsWith('"') || !path ? issue.message : `"${path}": ${issue.message}`;
    })
    .join('; ');
}
