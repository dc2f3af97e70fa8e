/**
 * Bridges zod issues and {@link SlaConfigError}: refinements attach one of our codes to a custom issue,
 * and the converter turns every zod issue into "setting path + code + message".
 */
import type { z } from 'zod';
import { SLA_CONFIG_ERROR_CODES, SlaConfigError, type SlaConfigErrorCode, type SlaConfigIssue } from './errors.ts';

/** The refinement context zod passes to `superRefine`. */
export interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path?: PropertyKey[]; params?: Record<string, unknown> }): void;
}

/** Reports a semantic problem under `path` (relative to the schema the refinement is attached to). */
export function report(ctx: IssueSink, code: SlaConfigErrorCode, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', message, path, params: { slaCode: code } });
}

/** `calendars.business.hours[1]` from ['calendars', 'business', 'hours', 1]. */
export function settingPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  }
  return out;
}

/** Converts a failed zod parse into our error, keeping every issue. */
export function toConfigError(error: z.ZodError, prefix: string): SlaConfigError {
  const issues: SlaConfigIssue[] = error.issues.map((issue) => ({
    code: slaCodeOf(issue),
    setting: settingPath(prefix, issue.path),
    message: issue.message,
  }));
  return new SlaConfigError(issues);
}

function slaCodeOf(issue: z.core.$ZodIssue): SlaConfigErrorCode {
  if (issue.code !== 'custom') return 'invalid_shape';
  const code: unknown = issue.params?.['slaCode'];
  return SLA_CONFIG_ERROR_CODES.find((c) => c === code) ?? 'invalid_shape';
}
