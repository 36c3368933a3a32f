import { DomainError } from './domain-error';
import { isCalendarDay } from './effective-period';

/** Throws `DATE.INVALID` naming the field unless the value is a calendar day `YYYY-MM-DD`. */
export function requireDay(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    throw new DomainError('DATE.INVALID', `${field} ${String(value)} is not a calendar day (YYYY-MM-DD)`, 'invalid', { field });
  }
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** The calendar day before `day`. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** For the default branch of an exhaustive switch: a compile error when a case is missing. */
export function unreachable(value: never): never {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
}
