import { DomainError, requireDay } from '@app/domain';

/**
 * Calendar-day arithmetic on `YYYY-MM-DD` days (China Standard Time days, no time of day).
 * Every function refuses a malformed day with `DATE.INVALID` and a non-integer count with
 * `DATE.INVALID_COUNT`.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar day. */
export function dayNumber(day: string, field = 'day'): number {
  requireDay(day, field);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

export function dayFromNumber(value: number): string {
  return new Date(value * DAY_MS).toISOString().slice(0, 10);
}

export function requireCount(n: number, field = 'n'): void {
  if (!Number.isSafeInteger(n)) {
    throw new DomainError('DATE.INVALID_COUNT', `${field} ${String(n)} is not a whole number`, 'invalid', { field });
  }
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const weekday = new Date(dayNumber(day) * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function isWeekend(day: string): boolean {
  return weekdayOf(day) >= 6;
}

export function addCalendarDays(day: string, n: number): string {
  requireCount(n);
  return dayFromNumber(dayNumber(day) + n);
}

/** Calendar days from `a` to `b`: positive when `b` is later. */
export function calendarDaysBetween(a: string, b: string): number {
  return dayNumber(b, 'b') - dayNumber(a, 'a');
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The corresponding day `n` months later (earlier when negative); when the target month is
 * shorter, its last day (2024-01-31 + 1 month = 2024-02-29, 2023-01-31 + 1 month = 2023-02-28).
 */
export function addMonths(day: string, n: number): string {
  requireDay(day, 'day');
  requireCount(n);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const targetDate = Math.min(date, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${pad(targetMonth)}-${pad(targetDate)}`;
}

export function yearOf(day: string): number {
  requireDay(day, 'day');
  return Number(day.slice(0, 4));
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
