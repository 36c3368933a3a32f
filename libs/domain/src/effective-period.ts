/**
 * Effective-dated facts. Dates are calendar days in China Standard Time written `YYYY-MM-DD`;
 * a period covers `from` up to and including `to` (open-ended when `to` is undefined).
 */
export interface EffectivePeriod {
  readonly from: string;
  readonly to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function covers(period: EffectivePeriod, day: string): boolean {
  return period.from <= day && (period.to === undefined || day <= period.to);
}

export function overlaps(a: EffectivePeriod, b: EffectivePeriod): boolean {
  const aEndsBeforeB = a.to !== undefined && a.to < b.from;
  const bEndsBeforeA = b.to !== undefined && b.to < a.from;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/** The calendar day in China Standard Time (UTC+8, no daylight saving) of an instant. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
