import { codeOf } from './test-rules';
import { addCalendarDays } from './days';
import { FICTIONAL_TEST_ARRANGEMENT_2027 } from './testing/fictional-arrangement';
import { adoptPublishedYears, forgetPublishedYears, WorkingDayCalendar, type HolidayArrangement } from './working-day-calendar';

const calendar = WorkingDayCalendar.china();

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}

describe('the national working-day calendar', () => {
  it('covers 2014 through 2026', () => {
    expect([calendar.firstYear, calendar.lastYear]).toEqual([2014, 2026]);
  });

  it('counts the working days of each year as the State Council notices set them', () => {
    // Checked day by day against the chinese-days package (see china-holidays.ts).
    const expected: Record<number, number> = {
      2014: 250,
      2015: 249,
      2016: 250,
      2017: 249,
      2018: 250,
      2019: 250,
      2020: 249,
      2021: 250,
      2022: 249,
      2023: 249,
      2024: 251,
      2025: 248,
      2026: 248,
    };
    for (const [year, count] of Object.entries(expected)) {
      expect([year, daysOf(Number(year)).filter((day) => calendar.isWorkingDay(day)).length]).toEqual([year, count]);
    }
  });

  it('treats make-up weekend days as working days and holiday weekdays as days off', () => {
    expect(calendar.isWorkingDay('2024-02-18')).toBe(true); // Sunday worked after 春节
    expect(calendar.isMakeUpWorkingDay('2024-02-18')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-12')).toBe(false); // Monday in 春节
    expect(calendar.holidayOn('2024-02-12')).toBe('春节');
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true); // 除夕 2024 was not a holiday
    expect(calendar.isWorkingDay('2024-03-02')).toBe(false); // ordinary Saturday
  });

  it('keeps the 2015 抗战胜利70周年 days off and 2015-09-06 worked', () => {
    expect(['2015-09-03', '2015-09-04'].map((day) => calendar.isWorkingDay(day))).toEqual([false, false]);
    expect(calendar.holidayOn('2015-09-04')).toBe('中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日');
    expect(calendar.isWorkingDay('2015-09-06')).toBe(true);
  });

  it('carries the 2020 Spring Festival extension to 2 February, cancelling the 1 February make-up day', () => {
    expect(['2020-01-31', '2020-02-01', '2020-02-02'].map((day) => calendar.isWorkingDay(day))).toEqual([false, false, false]);
    expect(calendar.addWorkingDays('2020-01-23', 1)).toBe('2020-02-03');
    expect(calendar.isWorkingDay('2020-01-19')).toBe(true);
  });

  it('carries the 2019 May Day change (5/1–5/4 off, 4/28 and 5/5 worked)', () => {
    expect(['2019-05-02', '2019-05-03'].map((day) => calendar.isWorkingDay(day))).toEqual([false, false]);
    expect(['2019-04-28', '2019-05-05'].map((day) => calendar.isWorkingDay(day))).toEqual([true, true]);
  });

  it('carries the 2025 extra Spring Festival and May Day days', () => {
    expect(calendar.holidayOn('2025-02-04')).toBe('春节');
    expect(calendar.holidayOn('2025-05-05')).toBe('劳动节');
    expect(calendar.isWorkingDay('2025-04-27')).toBe(true);
  });

  it('reads holidays that begin in the previous December', () => {
    expect(calendar.isWorkingDay('2018-12-29')).toBe(true); // make-up Saturday for 2019 元旦
    expect(calendar.holidayOn('2018-12-31')).toBe('元旦');
    expect(calendar.addWorkingDays('2018-12-28', 1)).toBe('2018-12-29');
    expect(calendar.addWorkingDays('2018-12-29', 1)).toBe('2019-01-02');
  });
});

describe('adding working days', () => {
  it.each([
    ['2024-02-08', 1, '2024-02-09'], // 除夕 2024 was a working day
    ['2024-02-08', 2, '2024-02-18'], // then the make-up Sunday after 春节
    ['2024-02-09', 1, '2024-02-18'],
    ['2019-09-30', 1, '2019-10-08'],
    ['2019-09-30', 5, '2019-10-12'], // make-up Saturday
    ['2023-09-28', 1, '2023-10-07'],
    ['2024-12-31', 1, '2025-01-02'], // over the year end and 元旦
    ['2025-12-31', 1, '2026-01-04'], // 2026 元旦 1–3, make-up Sunday 4
    ['2024-06-07', 1, '2024-06-11'],
    ['2024-02-18', 0, '2024-02-18'],
    ['2024-02-10', 0, '2024-02-10'],
    ['2019-10-08', -1, '2019-09-30'],
    ['2024-02-18', -1, '2024-02-09'],
    ['2024-02-12', -1, '2024-02-09'],
  ])('%s + %i working days = %s', (day, n, expected) => {
    expect(calendar.addWorkingDays(day, n)).toBe(expected);
  });

  it('round-trips with workingDaysBetween for every day of 2020 and 2024 and counts up to 30 either way', () => {
    for (const day of [...daysOf(2020), ...daysOf(2024)]) {
      for (const n of [-30, -7, -1, 0, 1, 2, 5, 15, 30]) {
        const later = calendar.addWorkingDays(day, n);
        expect(calendar.workingDaysBetween(day, later)).toBe(n);
        if (n !== 0) expect(calendar.isWorkingDay(later)).toBe(true);
      }
    }
  });

  it('counts working days between two days by walking the calendar', () => {
    const a = '2024-01-01';
    let walked = 0;
    for (const day of daysOf(2024)) {
      if (day > a && calendar.isWorkingDay(day)) walked++;
      expect(calendar.workingDaysBetween(a, day)).toBe(walked);
    }
  });
});

describe('refusals', () => {
  it('refuses a year it has no arrangement for rather than guessing', () => {
    expect(codeOf(() => calendar.isWorkingDay('2027-01-04'))).toBe('CALENDAR.YEAR_NOT_COVERED');
    expect(codeOf(() => calendar.isWorkingDay('2013-12-31'))).toBe('CALENDAR.YEAR_NOT_COVERED');
    expect(codeOf(() => calendar.addWorkingDays('2026-12-30', 5))).toBe('CALENDAR.YEAR_NOT_COVERED');
    expect(codeOf(() => calendar.addWorkingDays('2014-01-03', -5))).toBe('CALENDAR.YEAR_NOT_COVERED');
    expect(codeOf(() => calendar.workingDaysBetween('2026-12-01', '2027-01-15'))).toBe('CALENDAR.YEAR_NOT_COVERED');
  });

  it('refuses malformed days and counts', () => {
    expect(codeOf(() => calendar.isWorkingDay('2024-13-01'))).toBe('DATE.INVALID');
    expect(codeOf(() => calendar.addWorkingDays('2024-02-08', 1.5))).toBe('DATE.INVALID_COUNT');
    expect(codeOf(() => calendar.workingDaysBetween('2024-02-08', ''))).toBe('DATE.INVALID');
  });

  it('refuses gaps between years and an empty calendar', () => {
    const year = (y: number) => ({ year: y, sources: [], holidays: [], makeUpWorkingDays: [] });
    expect(codeOf(() => new WorkingDayCalendar([year(2023), year(2025)]))).toBe('CALENDAR.INVALID_DATA');
    expect(codeOf(() => new WorkingDayCalendar([]))).toBe('CALENDAR.INVALID_DATA');
  });
});

describe("one year's arrangement is checked rule by rule (requireArrangement)", () => {
  const base: HolidayArrangement = { year: 2027, sources: ['test'], holidays: [], makeUpWorkingDays: [] };
  const period = (name: string, from: string, to: string) => ({ name, from, to });

  it('accepts the fictional test arrangement and a holiday beginning in the previous December', () => {
    expect(() => WorkingDayCalendar.requireArrangement(FICTIONAL_TEST_ARRANGEMENT_2027)).not.toThrow();
    expect(() =>
      WorkingDayCalendar.requireArrangement({
        ...base,
        holidays: [period('a', '2026-12-31', '2027-01-01')],
        makeUpWorkingDays: ['2026-12-26'],
      }),
    ).not.toThrow();
  });

  it.each<[string, Partial<HolidayArrangement>, string]>([
    ['a malformed day', { holidays: [period('a', '2027-02-30', '2027-03-01')] }, 'DATE.INVALID'],
    ['a malformed make-up day', { makeUpWorkingDays: ['2027/01/09'] }, 'DATE.INVALID'],
    ['an unnamed holiday', { holidays: [period(' ', '2027-05-01', '2027-05-03')] }, 'CALENDAR.HOLIDAY_NAME_REQUIRED'],
    ['a period ending before it begins', { holidays: [period('a', '2027-05-03', '2027-05-01')] }, 'CALENDAR.PERIOD_ENDS_BEFORE_START'],
    ['a holiday of the next year', { holidays: [period('a', '2027-12-31', '2028-01-01')] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
    ['a holiday before December of the year before', { holidays: [period('a', '2026-11-30', '2027-01-01')] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
    ['a holiday wholly in the year before', { holidays: [period('a', '2026-12-30', '2026-12-31')] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
    ['a make-up day before December of the year before', { makeUpWorkingDays: ['2026-11-28'] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
    ['a make-up day in the next year', { makeUpWorkingDays: ['2028-01-01'] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
    [
      'holidays out of order',
      { holidays: [period('b', '2027-05-01', '2027-05-03'), period('a', '2027-04-03', '2027-04-05')] },
      'CALENDAR.HOLIDAYS_NOT_IN_ORDER',
    ],
    [
      'overlapping holidays',
      { holidays: [period('a', '2027-05-01', '2027-05-03'), period('b', '2027-05-03', '2027-05-04')] },
      'CALENDAR.HOLIDAYS_OVERLAP',
    ],
    ['a make-up day on a weekday', { makeUpWorkingDays: ['2027-01-11'] }, 'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND'],
    [
      'a make-up day inside a holiday',
      { holidays: [period('a', '2027-01-01', '2027-01-03')], makeUpWorkingDays: ['2027-01-02'] },
      'CALENDAR.MAKE_UP_DAY_IN_HOLIDAY',
    ],
    ['a make-up day given twice', { makeUpWorkingDays: ['2027-01-09', '2027-01-09'] }, 'CALENDAR.MAKE_UP_DAY_REPEATED'],
  ])('refuses %s', (_what, overrides, code) => {
    expect(codeOf(() => WorkingDayCalendar.requireArrangement({ ...base, ...overrides }))).toBe(code);
    expect(codeOf(() => WorkingDayCalendar.builtIn().withArrangements([{ ...base, ...overrides }]))).toBe(code);
  });

  it('refuses a December day that the year before already uses', () => {
    // A made-up 2026 with a make-up Saturday on 12-26, and a 2027 whose holiday (or make-up day) takes that day again.
    const clash = { ...base, year: 2027, holidays: [period('a', '2026-12-26', '2027-01-01')] };
    const before = { ...base, year: 2026, sources: ['test'], holidays: [], makeUpWorkingDays: ['2026-12-26'] };
    expect(codeOf(() => new WorkingDayCalendar([before, clash]))).toBe('CALENDAR.MAKE_UP_DAY_IN_HOLIDAY');
    const twice = { ...base, year: 2027, makeUpWorkingDays: ['2026-12-26'] };
    expect(codeOf(() => new WorkingDayCalendar([before, twice]))).toBe('CALENDAR.MAKE_UP_DAY_REPEATED');
  });
});

describe('extending the national calendar at runtime with published years', () => {
  afterEach(() => forgetPublishedYears());

  it('covers a published year from then on, counting working days on its days; the built-in calendar is unchanged', () => {
    expect(codeOf(() => WorkingDayCalendar.china().addWorkingDays('2026-12-30', 5))).toBe('CALENDAR.YEAR_NOT_COVERED');
    const before = WorkingDayCalendar.china();
    expect(adoptPublishedYears([FICTIONAL_TEST_ARRANGEMENT_2027])).toEqual({ adopted: [2027], waiting: [] });
    const national = WorkingDayCalendar.china();
    expect([national.firstYear, national.lastYear]).toEqual([2014, 2027]);
    // 12-31 (Thursday) → 01-09 (make-up Saturday) → 01-11: the fictional days off are skipped.
    expect(national.addWorkingDays('2026-12-31', 1)).toBe('2027-01-09');
    expect(national.addWorkingDays('2026-12-30', 5)).toBe('2027-01-13');
    expect(national.holidayOn('2027-01-05')).toBe('测试假日乙（虚构）');
    // Immutable: a calendar read before keeps answering as it did; the built-in one never changes.
    expect(before.lastYear).toBe(2026);
    expect(WorkingDayCalendar.builtIn().lastYear).toBe(2026);
  });

  it('replaces an adopted year with a later revision (a correction)', () => {
    adoptPublishedYears([FICTIONAL_TEST_ARRANGEMENT_2027]);
    adoptPublishedYears([
      { ...FICTIONAL_TEST_ARRANGEMENT_2027, holidays: [FICTIONAL_TEST_ARRANGEMENT_2027.holidays[0]], makeUpWorkingDays: [] },
    ]);
    expect(WorkingDayCalendar.china().isWorkingDay('2027-01-05')).toBe(true);
    expect(WorkingDayCalendar.china().isWorkingDay('2027-01-09')).toBe(false);
  });

  it('keeps a year whose predecessor has not arrived waiting, and takes it once the gap fills', () => {
    const y2028: HolidayArrangement = { year: 2028, sources: ['FICTIONAL TEST'], holidays: [], makeUpWorkingDays: [] };
    expect(adoptPublishedYears([y2028])).toEqual({ adopted: [], waiting: [2028] });
    expect(WorkingDayCalendar.china().lastYear).toBe(2026);
    expect(adoptPublishedYears([FICTIONAL_TEST_ARRANGEMENT_2027])).toEqual({ adopted: [2027, 2028], waiting: [] });
    expect(WorkingDayCalendar.china().lastYear).toBe(2028);
  });

  it('refuses to replace a built-in year or to take an invalid arrangement, leaving the calendar as it was', () => {
    expect(codeOf(() => adoptPublishedYears([{ year: 2026, sources: [], holidays: [], makeUpWorkingDays: [] }]))).toBe(
      'CALENDAR.BUILT_IN_YEAR',
    );
    expect(codeOf(() => adoptPublishedYears([{ ...FICTIONAL_TEST_ARRANGEMENT_2027, makeUpWorkingDays: ['2027-01-11'] }]))).toBe(
      'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND',
    );
    expect(WorkingDayCalendar.china().lastYear).toBe(2026);
  });
});
