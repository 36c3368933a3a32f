import { DomainError, isOneOf, overlaps, requireDay, type EffectivePeriod } from '@app/domain';
import { addCalendarDays, addMonths, daysInMonth, yearOf } from './days';
import { encloses, requireJurisdiction, type Jurisdiction } from './jurisdiction';
import type { WorkingDayCalendar } from './working-day-calendar';

export const DEADLINE_UNITS = ['calendar_days', 'working_days', 'months', 'fixed_day_of_year'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/**
 * A deadline as data. `parameter` counts the unit, except for `fixed_day_of_year`, where it is the
 * day written MMDD (131 = 31 January, 1231 = 31 December). In force from `effectiveFrom` up to
 * and including `effectiveTo` (open-ended when absent).
 */
export interface DeadlineRule {
  /** Stable key such as `dual_report.due` or `petition.forward_to_higher`. */
  readonly name: string;
  readonly parameter: number;
  readonly unit: DeadlineUnit;
  /** The text the rule rests on, in Chinese, naming the document and article where known. */
  readonly legalBasis: string;
  readonly jurisdiction: Jurisdiction;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
}

const RULE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const MAX_LEGAL_BASIS = 2000;
const MAX_COUNT = 3660;

export function isRuleName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 100 && RULE_NAME.test(value);
}

export function requireRuleName(value: unknown): asserts value is string {
  if (!isRuleName(value)) {
    throw new DomainError('RULE.INVALID_NAME', `rule name ${JSON.stringify(value)} is not a dotted key such as dual_report.due`);
  }
}

/** Checks every field of a rule; throws a DomainError naming the first broken one. */
export function requireDeadlineRule(value: DeadlineRule): void {
  requireRuleName(value.name);
  if (!isOneOf(DEADLINE_UNITS, value.unit)) {
    throw new DomainError('RULE.INVALID_UNIT', `unit ${JSON.stringify(value.unit)} is not one of ${DEADLINE_UNITS.join(', ')}`);
  }
  requireParameter(value.unit, value.parameter);
  if (typeof value.legalBasis !== 'string' || value.legalBasis.trim() === '' || value.legalBasis.length > MAX_LEGAL_BASIS) {
    throw new DomainError(
      'RULE.MISSING_LEGAL_BASIS',
      `rule ${value.name} needs its legal basis text (at most ${MAX_LEGAL_BASIS} characters)`,
    );
  }
  requireJurisdiction(value.jurisdiction);
  requireDay(value.effectiveFrom, 'effectiveFrom');
  if (value.effectiveTo !== undefined) {
    requireDay(value.effectiveTo, 'effectiveTo');
    if (value.effectiveTo < value.effectiveFrom) {
      throw new DomainError(
        'RULE.INVALID_PERIOD',
        `rule ${value.name} ends (${value.effectiveTo}) before it takes effect (${value.effectiveFrom})`,
      );
    }
  }
}

function requireParameter(unit: DeadlineUnit, parameter: number): void {
  const valid =
    Number.isInteger(parameter) && (unit === 'fixed_day_of_year' ? isMonthDay(parameter) : parameter >= 0 && parameter <= MAX_COUNT);
  if (!valid) {
    const expected = unit === 'fixed_day_of_year' ? 'a day written MMDD (131 = 31 January)' : `a whole number from 0 to ${MAX_COUNT}`;
    throw new DomainError('RULE.INVALID_PARAMETER', `parameter ${String(parameter)} of a ${unit} rule must be ${expected}`);
  }
}

function isMonthDay(value: number): boolean {
  const month = Math.floor(value / 100);
  const day = value % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month);
}

export function periodOfRule(rule: DeadlineRule): EffectivePeriod {
  return { from: rule.effectiveFrom, ...(rule.effectiveTo !== undefined ? { to: rule.effectiveTo } : {}) };
}

/**
 * The day an obligation governed by `rule` falls due, counted from `fromDay` (the event, or the
 * start of the period): `fromDay` plus the days, working days or months (end-of-month clamped);
 * for `fixed_day_of_year` the first such day on or after `fromDay` (29 February → 28 February in
 * a common year).
 */
export function dueDate(rule: DeadlineRule, fromDay: string, calendar: WorkingDayCalendar): string {
  requireDay(fromDay, 'fromDay');
  switch (rule.unit) {
    case 'calendar_days':
      return addCalendarDays(fromDay, rule.parameter);
    case 'working_days':
      return calendar.addWorkingDays(fromDay, rule.parameter);
    case 'months':
      return addMonths(fromDay, rule.parameter);
    case 'fixed_day_of_year': {
      const inYear = (year: number) => monthDayIn(year, rule.parameter);
      const sameYear = inYear(yearOf(fromDay));
      return sameYear >= fromDay ? sameYear : inYear(yearOf(fromDay) + 1);
    }
  }
}

function monthDayIn(year: number, monthDay: number): string {
  const month = Math.floor(monthDay / 100);
  const day = Math.min(monthDay % 100, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The calendar period containing `day` for a periodic obligation ("at each quarter end" =
 * `months` 3, "every two months" = `months` 2, "at least once a year" = `months` 12): periods
 * are aligned to 1 January, so the parameter must divide 12. The obligation falls due on `to`.
 */
export function periodContaining(rule: DeadlineRule, day: string): { readonly from: string; readonly to: string } {
  requireDay(day, 'day');
  if (rule.unit !== 'months' || rule.parameter < 1 || 12 % rule.parameter !== 0) {
    throw new DomainError('RULE.NOT_A_PERIOD', `rule ${rule.name} (${rule.parameter} ${rule.unit}) does not divide the year into periods`);
  }
  const month = Number(day.slice(5, 7));
  const startMonth = Math.floor((month - 1) / rule.parameter) * rule.parameter + 1;
  const from = `${day.slice(0, 4)}-${String(startMonth).padStart(2, '0')}-01`;
  return { from, to: addCalendarDays(addMonths(from, rule.parameter), -1) };
}

export type Strictness = 'no_laxer' | 'laxer' | 'not_comparable';

/**
 * Whether `lower` is provably no laxer than `higher` for every starting day: the same unit with a
 * parameter no larger (an earlier fixed day), or a span that can never exceed the other's
 * shortest span (n months last 28n to 31n days; n working days at least n days). A rule in
 * working days is never shown stricter than one in days or months, because holidays can stretch
 * it without bound; a fixed day is comparable only with a fixed day.
 */
export function strictness(lower: DeadlineRule, higher: DeadlineRule): Strictness {
  if (lower.unit === higher.unit) return lower.parameter <= higher.parameter ? 'no_laxer' : 'laxer';
  if (lower.unit === 'fixed_day_of_year' || higher.unit === 'fixed_day_of_year') return 'not_comparable';
  const low = spanInDays(lower);
  const high = spanInDays(higher);
  if (low.longest <= high.shortest) return 'no_laxer';
  if (low.shortest > high.longest) return 'laxer';
  return 'not_comparable';
}

function spanInDays(rule: DeadlineRule): { shortest: number; longest: number } {
  switch (rule.unit) {
    case 'calendar_days':
      return { shortest: rule.parameter, longest: rule.parameter };
    case 'months':
      return { shortest: 28 * rule.parameter, longest: 31 * rule.parameter };
    case 'working_days':
      return { shortest: rule.parameter, longest: Number.POSITIVE_INFINITY };
    case 'fixed_day_of_year':
      throw new Error('a fixed day of the year has no span');
  }
}

/**
 * Refuses a rule that would be laxer than (or not comparable with) a rule of the same name at an
 * enclosing jurisdiction in force on any of its days: a lower level may only be stricter.
 */
export function requireNoLaxerThanHigher(rule: DeadlineRule, higher: readonly DeadlineRule[]): void {
  for (const other of higher) {
    if (other.name !== rule.name || !encloses(other.jurisdiction, rule.jurisdiction)) {
      throw new DomainError(
        'RULE.INVALID_HIGHER',
        `${other.name} at ${other.jurisdiction.level} ${other.jurisdiction.code} is not the same rule at a jurisdiction enclosing ${rule.jurisdiction.level} ${rule.jurisdiction.code}`,
      );
    }
    if (!overlaps(periodOfRule(rule), periodOfRule(other))) continue;
    const verdict = strictness(rule, other);
    if (verdict === 'no_laxer') continue;
    const details = { name: rule.name, higher: { ...other } };
    if (verdict === 'laxer') {
      throw new DomainError(
        'RULE.LAXER_THAN_HIGHER',
        `${rule.name}: ${describe(rule)} at ${rule.jurisdiction.level} ${rule.jurisdiction.code} is laxer than ${describe(other)} at ${other.jurisdiction.level} ${other.jurisdiction.code}; a lower level may only be stricter`,
        'conflict',
        details,
      );
    }
    throw new DomainError(
      'RULE.NOT_COMPARABLE',
      `${rule.name}: ${describe(rule)} cannot be shown to be stricter than ${describe(other)} at ${other.jurisdiction.level} ${other.jurisdiction.code}; state it in the same unit`,
      'conflict',
      details,
    );
  }
}

export function describe(rule: Pick<DeadlineRule, 'parameter' | 'unit'>): string {
  return rule.unit === 'fixed_day_of_year'
    ? `by ${String(rule.parameter)
        .padStart(4, '0')
        .replace(/^(\d\d)(\d\d)$/, '$1-$2')} each year`
    : `${rule.parameter} ${rule.unit.replace('_', ' ')}`;
}
