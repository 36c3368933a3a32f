import { addCalendarDays, addMonths, calendarDaysBetween } from './days';
import { dueDate, periodContaining, requireDeadlineRule, strictness } from './deadline-rule';
import { codeOf, ruleOf } from './test-rules';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = WorkingDayCalendar.china();

describe('the due day of a rule', () => {
  it('counts calendar days, working days and clamped months from the starting day', () => {
    expect(dueDate(ruleOf({ parameter: 7, unit: 'calendar_days' }), '2024-09-28', calendar)).toBe('2024-10-05');
    expect(dueDate(ruleOf({ parameter: 5, unit: 'working_days' }), '2024-09-27', calendar)).toBe('2024-10-10');
    expect(dueDate(ruleOf({ parameter: 1, unit: 'months' }), '2024-01-31', calendar)).toBe('2024-02-29');
    expect(dueDate(ruleOf({ parameter: 2, unit: 'months' }), '2024-12-31', calendar)).toBe('2025-02-28');
  });

  it('takes the first fixed day of the year on or after the starting day', () => {
    const byJanuary31 = ruleOf({ parameter: 131, unit: 'fixed_day_of_year' });
    expect(dueDate(byJanuary31, '2025-01-01', calendar)).toBe('2025-01-31');
    expect(dueDate(byJanuary31, '2025-01-31', calendar)).toBe('2025-01-31');
    expect(dueDate(byJanuary31, '2025-02-01', calendar)).toBe('2026-01-31');
    expect(dueDate(ruleOf({ parameter: 229, unit: 'fixed_day_of_year' }), '2025-01-01', calendar)).toBe('2025-02-28');
  });

  it('refuses a working-day due day in a year the calendar does not cover', () => {
    expect(codeOf(() => dueDate(ruleOf({ parameter: 5, unit: 'working_days' }), '2026-12-28', calendar))).toBe('CALENDAR.YEAR_NOT_COVERED');
  });
});

describe('periods of periodic obligations run from 1 January', () => {
  it.each([
    [3, '2025-02-14', '2025-01-01', '2025-03-31'],
    [3, '2025-11-30', '2025-10-01', '2025-12-31'],
    [2, '2024-02-29', '2024-01-01', '2024-02-29'],
    [2, '2024-12-01', '2024-11-01', '2024-12-31'],
    [12, '2024-07-01', '2024-01-01', '2024-12-31'],
  ])('a %i-month period containing %s runs %s–%s', (months, day, from, to) => {
    expect(periodContaining(ruleOf({ parameter: months, unit: 'months' }), day)).toEqual({ from, to });
  });

  it('refuses a rule that does not divide the year', () => {
    expect(codeOf(() => periodContaining(ruleOf({ parameter: 5, unit: 'months' }), '2024-01-01'))).toBe('RULE.NOT_A_PERIOD');
    expect(codeOf(() => periodContaining(ruleOf({ parameter: 7, unit: 'calendar_days' }), '2024-01-01'))).toBe('RULE.NOT_A_PERIOD');
  });
});

describe('strictness between a lower and a higher rule', () => {
  it('compares the same unit by parameter, fixed days by date', () => {
    expect(strictness(ruleOf({ parameter: 5 }), ruleOf({ parameter: 7 }))).toBe('no_laxer');
    expect(strictness(ruleOf({ parameter: 7 }), ruleOf({ parameter: 7 }))).toBe('no_laxer');
    expect(strictness(ruleOf({ parameter: 8 }), ruleOf({ parameter: 7 }))).toBe('laxer');
    expect(strictness(ruleOf({ parameter: 120, unit: 'fixed_day_of_year' }), ruleOf({ parameter: 131, unit: 'fixed_day_of_year' }))).toBe(
      'no_laxer',
    );
    expect(strictness(ruleOf({ parameter: 201, unit: 'fixed_day_of_year' }), ruleOf({ parameter: 131, unit: 'fixed_day_of_year' }))).toBe(
      'laxer',
    );
  });

  it('compares across units only where the bound is provable', () => {
    const month = ruleOf({ parameter: 1, unit: 'months' });
    expect(strictness(ruleOf({ parameter: 28 }), month)).toBe('no_laxer');
    expect(strictness(ruleOf({ parameter: 30 }), month)).toBe('not_comparable');
    expect(strictness(ruleOf({ parameter: 32 }), month)).toBe('laxer');
    expect(strictness(ruleOf({ parameter: 10 }), ruleOf({ parameter: 10, unit: 'working_days' }))).toBe('no_laxer');
    expect(strictness(ruleOf({ parameter: 3, unit: 'working_days' }), ruleOf({ parameter: 7 }))).toBe('not_comparable');
    expect(strictness(ruleOf({ parameter: 8, unit: 'working_days' }), ruleOf({ parameter: 7 }))).toBe('laxer');
    expect(strictness(ruleOf({ parameter: 131, unit: 'fixed_day_of_year' }), month)).toBe('not_comparable');
  });

  it('holds the month bounds (28n to 31n days) for every starting day of 2014–2026', () => {
    for (let day = '2014-01-01'; day <= '2026-12-31'; day = addCalendarDays(day, 1)) {
      for (const months of [1, 2, 3, 12]) {
        const days = calendarDaysBetween(day, addMonths(day, months));
        expect(days >= 28 * months && days <= 31 * months).toBe(true);
      }
    }
  });
});

describe('a rule is checked field by field', () => {
  it.each([
    [{ name: 'Dual Report' }, 'RULE.INVALID_NAME'],
    [{ unit: 'weeks' as never }, 'RULE.INVALID_UNIT'],
    [{ parameter: -1 }, 'RULE.INVALID_PARAMETER'],
    [{ parameter: 1.5 }, 'RULE.INVALID_PARAMETER'],
    [{ unit: 'fixed_day_of_year' as const, parameter: 230 }, 'RULE.INVALID_PARAMETER'],
    [{ unit: 'fixed_day_of_year' as const, parameter: 1301 }, 'RULE.INVALID_PARAMETER'],
    [{ legalBasis: ' ' }, 'RULE.MISSING_LEGAL_BASIS'],
    [{ jurisdiction: { level: 'city' as const, code: '410000' } }, 'RULE.INVALID_JURISDICTION'],
    [{ effectiveFrom: '2024-1-1' }, 'DATE.INVALID'],
    [{ effectiveFrom: '2024-06-01', effectiveTo: '2024-05-31' }, 'RULE.INVALID_PERIOD'],
  ])('%j is refused with %s', (overrides, code) => {
    expect(codeOf(() => requireDeadlineRule(ruleOf(overrides)))).toBe(code);
  });
});
