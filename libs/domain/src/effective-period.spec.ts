import { chinaDay, covers, isCalendarDay, overlaps } from './effective-period';

describe('effective periods', () => {
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-13-01')).toBe(false);
    expect(isCalendarDay('2025-1-01')).toBe(false);
    expect(isCalendarDay('2025-01-01T00:00:00Z')).toBe(false);
  });

  it('covers both ends of a period, and every later day of an open one', () => {
    expect(covers({ from: '2025-01-01', to: '2025-12-31' }, '2025-12-31')).toBe(true);
    expect(covers({ from: '2025-01-01', to: '2025-12-31' }, '2026-01-01')).toBe(false);
    expect(covers({ from: '2025-01-01' }, '2099-01-01')).toBe(true);
    expect(covers({ from: '2025-01-01' }, '2024-12-31')).toBe(false);
  });

  it('finds overlaps, including a shared single day and open ends', () => {
    expect(overlaps({ from: '2024-01-01', to: '2024-12-31' }, { from: '2024-12-31' })).toBe(true);
    expect(overlaps({ from: '2024-01-01', to: '2024-12-31' }, { from: '2025-01-01' })).toBe(false);
    expect(overlaps({ from: '2025-01-01' }, { from: '2020-01-01', to: '2024-12-31' })).toBe(false);
    expect(overlaps({ from: '2025-01-01' }, { from: '2026-01-01' })).toBe(true);
  });

  it('tells the day in China Standard Time', () => {
    expect(chinaDay(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(chinaDay(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });
});
