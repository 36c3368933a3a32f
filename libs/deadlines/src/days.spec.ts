import { codeOf } from './test-rules';
import { addCalendarDays, addMonths, calendarDaysBetween, weekdayOf } from './days';

describe('calendar days', () => {
  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2025-12-25', 7)).toBe('2026-01-01');
    expect(addCalendarDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(calendarDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(calendarDaysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('knows the weekday of a day (1 = Monday, 7 = Sunday)', () => {
    expect(weekdayOf('2024-02-18')).toBe(7);
    expect(weekdayOf('2019-10-08')).toBe(2);
  });
});

describe('adding months clamps to the end of a shorter month', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-08-31', 6, '2025-02-28'],
    ['2024-03-10', 1, '2024-04-10'],
    ['2024-12-15', 2, '2025-02-15'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe('malformed input', () => {
  it('refuses a malformed day with DATE.INVALID', () => {
    expect(codeOf(() => addCalendarDays('2024-02-30', 1))).toBe('DATE.INVALID');
    expect(codeOf(() => addMonths('2024/01/31', 1))).toBe('DATE.INVALID');
    expect(codeOf(() => calendarDaysBetween('2024-01-01', 'tomorrow'))).toBe('DATE.INVALID');
  });

  it('refuses a count that is not a whole number with DATE.INVALID_COUNT', () => {
    expect(codeOf(() => addCalendarDays('2024-01-01', 1.5))).toBe('DATE.INVALID_COUNT');
    expect(codeOf(() => addMonths('2024-01-01', Number.NaN))).toBe('DATE.INVALID_COUNT');
  });
});
