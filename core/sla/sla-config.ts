/**
 * The SLA section of the application configuration: calendars by name, a default, queue and category
 * mappings, per-priority targets and the escalation policy. Parsed once at start-up with
 * {@link parseSlaConfig}; any problem throws one {@link SlaConfigError} naming every bad setting.
 *
 * @example
 * {
 *   "defaultCalendar": "default",
 *   "calendars": {
 *     "default": { "type": "24x7" },
 *     "business": { "type": "business_hours", "timeZone": "Europe/Moscow",
 *                   "workingDays": ["mon", "tue", "wed", "thu", "fri"], "hours": ["09:00-18:00"],
 *                   "holidays": ["2026-01-01"], "workdays": ["2025-11-01"] }
 *   },
 *   "queues": { "L2": "business" },
 *   "categories": { "hardware": "business" },
 *   "priorities": {
 *     "P1": { "firstResponse": "15m", "resolution": "4h", "calendar": "default" },
 *     "P2": { "firstResponse": "1h", "resolution": "8h" }
 *   },
 *   "escalation": { "warnAt": 0.8, "raiseOn": { "P1": "warning" } }
 * }
 * Omitted priorities take {@link DEFAULT_PRIORITY_TARGETS} (no calendar override); omitted
 * `raiseOn` entries are "breach".
 */
import { z } from 'zod';
import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../../knowledge/types.ts';
import { buildCalendar, calendarSchema } from './calendar-config.ts';
import type { SupportCalendar } from './calendar-types.ts';
import { report, toConfigError, type IssueSink } from './config-issues.ts';
import { parseDuration } from './duration.ts';
import { RAISE_TRIGGERS, type PriorityPolicy, type RaiseTrigger, type SlaSetup } from './policy-types.ts';

const durationSchema = z.string().superRefine((text, ctx) => {
  if (parseDuration(text) === undefined) {
    report(ctx, 'bad_duration', [], `"${text}" is not a duration like "30m", "4h", "2d" (more than 0, at most 366d)`);
  }
});

const prioritySchema = z.strictObject({
  firstResponse: durationSchema,
  resolution: durationSchema,
  calendar: z.string().optional(),
});

const escalationSchema = z.strictObject({
  warnAt: z
    .number()
    .default(0.8)
    .superRefine((x, ctx) => {
      if (!(x > 0 && x < 1)) report(ctx, 'bad_threshold', [], `${x} must be a fraction between 0 and 1 (e.g. 0.8)`);
    }),
  raiseOn: z.partialRecord(z.enum(PRIORITIES), z.enum(RAISE_TRIGGERS)).default({}),
});

export const slaConfigSchema = z
  .strictObject({
    defaultCalendar: z.string(),
    calendars: z.record(z.string(), calendarSchema),
    queues: z.record(z.string(), z.string()).default({}),
    categories: z.record(z.string(), z.string()).default({}),
    priorities: z.partialRecord(z.enum(PRIORITIES), prioritySchema).default({}),
    escalation: escalationSchema.prefault({}),
  })
  .superRefine(checkReferences);

/** The configuration as written (JSON); defaults not yet applied. */
export type SlaConfigInput = z.input<typeof slaConfigSchema>;
type SlaConfig = z.output<typeof slaConfigSchema>;

/** Targets for priorities the configuration leaves out. */
export const DEFAULT_PRIORITY_TARGETS: Readonly<Record<Priority, { firstResponse: string; resolution: string }>> = {
  P1: { firstResponse: '15m', resolution: '4h' },
  P2: { firstResponse: '1h', resolution: '8h' },
  P3: { firstResponse: '4h', resolution: '3d' },
  P4: { firstResponse: '1d', resolution: '5d' },
};

/** Every calendar name used anywhere must be defined; category keys must be known categories. */
function checkReferences(config: SlaConfig, ctx: IssueSink): void {
  const known = (name: string): boolean => Object.hasOwn(config.calendars, name);
  const check = (name: string, path: PropertyKey[]): void => {
    if (!known(name)) report(ctx, 'unknown_calendar', path, `calendar "${name}" is not defined in "calendars"`);
  };
  check(config.defaultCalendar, ['defaultCalendar']);
  for (const [queue, name] of Object.entries(config.queues)) check(name, ['queues', queue]);
  for (const [category, name] of Object.entries(config.categories)) {
    if (!isCategory(category)) {
      report(ctx, 'unknown_category', ['categories', category], `"${category}" is not one of ${CATEGORIES.join(', ')}`);
    }
    check(name, ['categories', category]);
  }
  for (const p of PRIORITIES) {
    const name = config.priorities[p]?.calendar;
    if (name !== undefined) check(name, ['priorities', p, 'calendar']);
  }
}

function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/**
 * Validates the SLA configuration and builds the runtime {@link SlaSetup}.
 * @param settingPrefix prefix of setting names in error messages, e.g. "sla" -> "sla.calendars.x.timeZone".
 * @throws SlaConfigError naming every offending setting.
 */
export function parseSlaConfig(input: unknown, settingPrefix = 'sla'): SlaSetup {
  const parsed = slaConfigSchema.safeParse(input);
  if (!parsed.success) throw toConfigError(parsed.error, settingPrefix);
  return buildSetup(parsed.data);
}

function buildSetup(config: SlaConfig): SlaSetup {
  const calendars = new Map(Object.entries(config.calendars).map(([name, c]) => [name, buildCalendar(name, c)]));
  const byName = (name: string): SupportCalendar => {
    const calendar = calendars.get(name);
    // checkReferences has already rejected unknown names, so this is a bug guard, not validation.
    if (!calendar) throw new Error(`SLA calendar "${name}" vanished after validation`);
    return calendar;
  };
  const categories = new Map<Category, SupportCalendar>();
  for (const [c, name] of Object.entries(config.categories)) if (isCategory(c)) categories.set(c, byName(name));
  return {
    calendars,
    defaultCalendar: byName(config.defaultCalendar),
    queues: new Map(Object.entries(config.queues).map(([q, name]) => [q, byName(name)])),
    categories,
    priorities: buildPriorities(config, byName),
    escalation: {
      warnAt: config.escalation.warnAt,
      raiseOn: byPriority((p): RaiseTrigger => config.escalation.raiseOn[p] ?? 'breach'),
    },
  };
}

function buildPriorities(config: SlaConfig, byName: (name: string) => SupportCalendar): Record<Priority, PriorityPolicy> {
  return byPriority((p): PriorityPolicy => {
    const configured = config.priorities[p];
    const entry = configured ?? DEFAULT_PRIORITY_TARGETS[p];
    const targetMs = {
      first_response: parseDuration(entry.firstResponse) ?? 0,
      resolution: parseDuration(entry.resolution) ?? 0,
    };
    return configured?.calendar === undefined ? { targetMs } : { targetMs, calendar: byName(configured.calendar) };
  });
}

function byPriority<T>(make: (p: Priority) => T): Record<Priority, T> {
  return Object.fromEntries(PRIORITIES.map((p) => [p, make(p)])) as Record<Priority, T>;
}
