import { codeOf } from './test-rules';
import { addCalendarDays } from './days';
import { WorkingDayCalendar } from './working-day-calendar';

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

  it('refuses inconsistent data: a make-up day on a weekday, gaps between years, overlapping holidays', () => {
    const year = (y: number) => ({ year: y, sources: [], holidays: [], makeUpWorkingDays: [] });
    expect(codeOf(() => new WorkingDayCalendar([{ ...year(2024), makeUpWorkingDays: ['2024-02-19'] }]))).toBe('CALENDAR.INVALID_DATA');
    expect(codeOf(() => new WorkingDayCalendar([year(2023), year(2025)]))).toBe('CALENDAR.INVALID_DATA');
    expect(
      codeOf(
        () =>
          new WorkingDayCalendar([
            {
              ...year(2024),
              holidays: [
                { name: 'a', from: '2024-05-01', to: '2024-05-03' },
                { name: 'b', from: '2024-05-03', to: '2024-05-04' },
              ],
            },
          ]),
      ),
    ).toBe('CALENDAR.INVALID_DATA');
    expect(codeOf(() => new WorkingDayCalendar([]))).toBe('CALENDAR.INVALID_DATA');
  });
});
