/**
 * "When will a person reply?" for the bot to tell a user out of hours, and its wording in English and
 * Russian. Times are shown in the calendar's zone with the zone name, because the user may be elsewhere.
 */
import { DateTime } from 'luxon';
import type { Language } from '../model/messages.ts';
import type { SupportCalendar } from './calendar-types.ts';
import { isWorkingTime, nextWorkingStart } from './calendar.ts';

export interface HumanAvailability {
  /** Agents are working now. */
  readonly open: boolean;
  /** `now` when open, otherwise the start of the next working period. */
  readonly nextReplyFrom: Date;
}

export function humanAvailability(cal: SupportCalendar, now: Date): HumanAvailability {
  return { open: isWorkingTime(cal, now), nextReplyFrom: nextWorkingStart(cal, now) };
}

const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Accusative with its preposition: "в понедельник", but "во вторник".
const RU_DAYS = ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу', 'в воскресенье'];
const RU_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** How far ahead a bare weekday is unambiguous; further out the date is added. */
const WEEKDAY_ONLY_DAYS = 6;

/**
 * "Monday 09:00 (Europe/Moscow)" / "в понедельник в 09:00 (Europe/Moscow)". With `now`, the same
 * local day reads "today 09:00" / "сегодня в 09:00", the next "tomorrow" / "завтра", and a day more
 * than six days ahead gets its date: "Monday 12 January 09:00" / "в понедельник, 12 января, в 09:00".
 */
export function formatReplyTime(at: Date, timeZone: string, language: Language, now?: Date): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const time = local.toFormat('HH:mm');
  const zone = `(${timeZone})`;
  const days = now === undefined ? undefined : calendarDaysBetween(now, local);
  if (language === 'ru') return `${ruDay(local, days)} в ${time} ${zone}`;
  return `${enDay(local, days)} ${time} ${zone}`;
}

function enDay(local: DateTime, days: number | undefined): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  const weekday = EN_DAYS[local.weekday - 1] ?? '';
  if (days === undefined || days <= WEEKDAY_ONLY_DAYS) return weekday;
  return `${weekday} ${local.day} ${EN_MONTHS[local.month - 1] ?? ''}`;
}

function ruDay(local: DateTime, days: number | undefined): string {
  if (days === 0) return 'сегодня';
  if (days === 1) return 'завтра';
  const weekday = RU_DAYS[local.weekday - 1] ?? '';
  if (days === undefined || days <= WEEKDAY_ONLY_DAYS) return weekday;
  return `${weekday}, ${local.day} ${RU_MONTHS[local.month - 1] ?? ''},`;
}

/** Whole local calendar days from `now` to `local` in the zone of `local`. */
function calendarDaysBetween(now: Date, local: DateTime): number {
  const today = DateTime.fromJSDate(now, { zone: local.zone }).startOf('day');
  return Math.round(local.startOf('day').diff(today, 'days').days);
}

/**
 * The sentence the bot sends out of hours, e.g. "Our team is offline now. A person will be available from
 * Monday 09:00 (Europe/Moscow)." Undefined when the team is working: nothing needs saying.
 */
export function outOfHoursNotice(cal: SupportCalendar, now: Date, language: Language): string | undefined {
  const availability = humanAvailability(cal, now);
  if (availability.open) return undefined;
  const when = formatReplyTime(availability.nextReplyFrom, cal.timeZone, language, now);
  return language === 'ru'
    ? `Сейчас сотрудники поддержки не работают. Специалист ответит ${when}.`
    : `Our support team is offline now. A person will be available from ${when}.`;
}
