import { DomainError, requireDay } from '@app/domain';
import { CHINA_HOLIDAY_ARRANGEMENTS } from './china-holidays';
import { dayFromNumber, dayNumber, isWeekend, requireCount, yearOf } from './days';

/** Days off in a row for one holiday, both ends included. */
export interface HolidayPeriod {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** One year's arrangement as published: its holidays and its make-up working days (调休上班). */
export interface HolidayArrangement {
  readonly year: number;
  readonly sources: readonly string[];
  readonly holidays: readonly HolidayPeriod[];
  readonly makeUpWorkingDays: readonly string[];
}

/**
 * Working days: Monday to Friday unless inside a holiday period, plus the make-up weekend days.
 * Answers only for the years it has data for (`CALENDAR.YEAR_NOT_COVERED` otherwise), never
 * guessing a year whose arrangement has not been published. Immutable: a further year makes a new
 * calendar (`withArrangements`); the national one (`china()`) is swapped by `adoptPublishedYears`.
 */
export class WorkingDayCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly first: number;
  private readonly holidayNames = new Map<string, string>();
  private readonly makeUpDays = new Set<string>();
  /** `before[i]`: working days from the first covered day up to, not including, covered day i. */
  private readonly before: Int32Array;

  readonly arrangements: readonly HolidayArrangement[];

  constructor(arrangements: readonly HolidayArrangement[]) {
    this.arrangements = [...arrangements].sort((a, b) => a.year - b.year);
    const years = arrangements.map((arrangement) => arrangement.year).sort((a, b) => a - b);
    if (years.length === 0) invalidData('a calendar needs at least one year');
    years.forEach((year, index) => {
      if (!Number.isInteger(year) || (index > 0 && year !== years[index - 1] + 1)) {
        invalidData(`years must be consecutive and each given once, got ${years.join(', ')}`);
      }
    });
    this.firstYear = years[0]!;
    this.lastYear = years[years.length - 1]!;
    this.first = dayNumber(`${this.firstYear}-01-01`);
    for (const arrangement of arrangements) this.load(arrangement);

    const days = dayNumber(`${this.lastYear}-12-31`) - this.first + 1;
    this.before = new Int32Array(days + 1);
    for (let i = 0; i < days; i++) {
      this.before[i + 1] = this.before[i] + (this.classify(dayFromNumber(this.first + i)) ? 1 : 0);
    }
  }

  /**
   * The calendar of the State Council's national arrangements: the years compiled into the code
   * (china-holidays.ts) and the years published since through the registry and adopted by this
   * process (`adoptPublishedYears`). Read it when deciding, not once at load: it grows at runtime.
   */
  static china(): WorkingDayCalendar {
    return national.calendar;
  }

  /** The years compiled into the code, 2014–2026, without any published later. */
  static builtIn(): WorkingDayCalendar {
    return BUILT_IN;
  }

  /**
   * Checks one year's arrangement on its own, with the code naming the broken rule (all `invalid`):
   * days well-formed (`DATE.INVALID`) and in the year or its previous December
   * (`CALENDAR.DAY_OUTSIDE_YEAR`: a holiday may begin there, the notice's make-up days may fall
   * there; a holiday ends in the year), named periods (`CALENDAR.HOLIDAY_NAME_REQUIRED`) with
   * `from` ≤ `to` (`CALENDAR.PERIOD_ENDS_BEFORE_START`), in order (`CALENDAR.HOLIDAYS_NOT_IN_ORDER`)
   * and apart (`CALENDAR.HOLIDAYS_OVERLAP`); make-up days once each
   * (`CALENDAR.MAKE_UP_DAY_REPEATED`), on a Saturday or Sunday (`CALENDAR.MAKE_UP_DAY_NOT_WEEKEND`)
   * outside every holiday (`CALENDAR.MAKE_UP_DAY_IN_HOLIDAY`). The constructor applies it to each
   * year, and across years refuses the same overlaps (late December of one year is also the year
   * before's).
   */
  static requireArrangement(arrangement: HolidayArrangement): void {
    const { year } = arrangement;
    if (!Number.isInteger(year)) arrangementError('CALENDAR.INVALID_DATA', `year ${String(year)} is not a whole number`, 'year');
    const first = `${year - 1}-12-01`;
    const last = `${year}-12-31`;
    let previous: HolidayPeriod | undefined;
    arrangement.holidays.forEach((period, index) => {
      const field = `holidays[${index}]`;
      if (typeof period.name !== 'string' || period.name.trim() === '') {
        arrangementError('CALENDAR.HOLIDAY_NAME_REQUIRED', `${field} has no name`, `${field}.name`);
      }
      requireDay(period.from, `${field}.from`);
      requireDay(period.to, `${field}.to`);
      if (period.to < period.from) {
        arrangementError('CALENDAR.PERIOD_ENDS_BEFORE_START', `${period.name} ${period.from}..${period.to} ends before it begins`, field);
      }
      if (period.from < first || period.to > last || yearOf(period.to) !== year) {
        arrangementError(
          'CALENDAR.DAY_OUTSIDE_YEAR',
          `${period.name} ${period.from}..${period.to} is not a holiday of ${year} (it ends in ${year} and begins in ${year} or from ${first})`,
          field,
        );
      }
      if (previous && period.from < previous.from) {
        arrangementError(
          'CALENDAR.HOLIDAYS_NOT_IN_ORDER',
          `${period.name} (${period.from}) comes before ${previous.name} (${previous.from})`,
          field,
        );
      }
      if (previous && period.from <= previous.to) {
        arrangementError('CALENDAR.HOLIDAYS_OVERLAP', `${period.name} ${period.from}..${period.to} overlaps ${previous.name}`, field);
      }
      previous = period;
    });
    const seen = new Set<string>();
    arrangement.makeUpWorkingDays.forEach((day, index) => {
      const field = `makeUpWorkingDays[${index}]`;
      requireDay(day, field);
      if (day < first || day > last) {
        arrangementError(
          'CALENDAR.DAY_OUTSIDE_YEAR',
          `make-up working day ${day} is neither in ${year} nor in December ${year - 1}`,
          field,
        );
      }
      if (seen.has(day)) arrangementError('CALENDAR.MAKE_UP_DAY_REPEATED', `make-up working day ${day} is given twice`, field);
      seen.add(day);
      if (!isWeekend(day))
        arrangementError('CALENDAR.MAKE_UP_DAY_NOT_WEEKEND', `make-up working day ${day} is not a Saturday or Sunday`, field);
      if (arrangement.holidays.some((period) => period.from <= day && day <= period.to)) {
        arrangementError('CALENDAR.MAKE_UP_DAY_IN_HOLIDAY', `make-up working day ${day} is inside a holiday`, field);
      }
    });
  }

  /** This calendar's arrangements with `arrangements` added (a year given again is replaced): a new calendar, checked as any. */
  withArrangements(arrangements: readonly HolidayArrangement[]): WorkingDayCalendar {
    const byYear = new Map(this.arrangements.map((arrangement) => [arrangement.year, arrangement]));
    for (const arrangement of arrangements) byYear.set(arrangement.year, arrangement);
    return new WorkingDayCalendar([...byYear.values()]);
  }

  /** The arrangement of a covered year, as given. */
  arrangementOf(year: number): HolidayArrangement | undefined {
    return this.arrangements.find((arrangement) => arrangement.year === year);
  }

  covers(day: string): boolean {
    const year = yearOf(day);
    return year >= this.firstYear && year <= this.lastYear;
  }

  isWorkingDay(day: string): boolean {
    this.requireCovered(day);
    return this.classify(day);
  }

  /** The holiday a day belongs to (`春节`, `国庆节、中秋节` …), if any. */
  holidayOn(day: string): string | undefined {
    this.requireCovered(day);
    return this.holidayNames.get(day);
  }

  isMakeUpWorkingDay(day: string): boolean {
    this.requireCovered(day);
    return this.makeUpDays.has(day);
  }

  /**
   * The n-th working day after `day` (before it when n is negative; `day` itself when n is 0).
   * `day` need not be a working day: 2024-02-08 + 2 = 2024-02-18.
   */
  addWorkingDays(day: string, n: number): string {
    requireCount(n);
    const index = this.indexOf(day);
    if (n === 0) return day;
    if (n > 0) {
      // the smallest j > index with before[j + 1] = before[index + 1] + n
      const target = this.before[index + 1] + n;
      const j = this.firstIndexWith((k) => this.before[k + 1] >= target, index + 1);
      if (j === undefined) this.beyondCoverage(this.lastYear + 1);
      return dayFromNumber(this.first + j);
    }
    // the largest j < index with before[index] - before[j] = -n
    const target = this.before[index] + n;
    if (target < 0) this.beyondCoverage(this.firstYear - 1);
    const j = this.firstIndexWith((k) => this.before[k + 1] > target, 0)!;
    return dayFromNumber(this.first + j);
  }

  /**
   * Working days after `a` up to and including `b`; when `b` is before `a`, minus the working
   * days from `b` up to, not including, `a`. So `workingDaysBetween(a, addWorkingDays(a, n)) = n`.
   */
  workingDaysBetween(a: string, b: string): number {
    const i = this.indexOf(a, 'a');
    const j = this.indexOf(b, 'b');
    return j >= i ? this.before[j + 1] - this.before[i + 1] : -(this.before[i] - this.before[j]);
  }

  private classify(day: string): boolean {
    if (this.makeUpDays.has(day)) return true;
    return !isWeekend(day) && !this.holidayNames.has(day);
  }

  private indexOf(day: string, field = 'day'): number {
    requireDay(day, field);
    this.requireCovered(day);
    return dayNumber(day) - this.first;
  }

  private requireCovered(day: string): void {
    if (!this.covers(day)) this.beyondCoverage(yearOf(day));
  }

  private beyondCoverage(year: number): never {
    throw new DomainError(
      'CALENDAR.YEAR_NOT_COVERED',
      `the working-day calendar has no holiday arrangement for ${year} (it covers ${this.firstYear}–${this.lastYear})`,
      'invalid',
      { year, firstYear: this.firstYear, lastYear: this.lastYear },
    );
  }

  /** Binary search for the smallest index ≥ from where the monotone predicate holds. */
  private firstIndexWith(holds: (index: number) => boolean, from: number): number | undefined {
    let low = from;
    let high = this.before.length - 1;
    if (low >= high || !holds(high - 1)) return undefined;
    high -= 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (holds(middle)) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private load(arrangement: HolidayArrangement): void {
    WorkingDayCalendar.requireArrangement(arrangement);
    // Across years: late December belongs to the year and may be in the next year's notice too.
    for (const period of arrangement.holidays) {
      for (let day = period.from; day <= period.to; day = dayFromNumber(dayNumber(day) + 1)) {
        if (this.holidayNames.has(day)) arrangementError('CALENDAR.HOLIDAYS_OVERLAP', `${day} is in two holiday periods`, 'holidays');
        if (this.makeUpDays.has(day)) {
          arrangementError('CALENDAR.MAKE_UP_DAY_IN_HOLIDAY', `${day} is both a holiday and a make-up working day`, 'holidays');
        }
        this.holidayNames.set(day, period.name);
      }
    }
    for (const day of arrangement.makeUpWorkingDays) {
      if (this.holidayNames.has(day))
        arrangementError('CALENDAR.MAKE_UP_DAY_IN_HOLIDAY', `make-up working day ${day} is inside a holiday`, 'makeUpWorkingDays');
      if (this.makeUpDays.has(day))
        arrangementError('CALENDAR.MAKE_UP_DAY_REPEATED', `make-up working day ${day} is given twice`, 'makeUpWorkingDays');
      this.makeUpDays.add(day);
    }
  }
}

function invalidData(message: string): never {
  throw new DomainError('CALENDAR.INVALID_DATA', message);
}

function arrangementError(code: string, message: string, field: string): never {
  throw new DomainError(code, message, 'invalid', { field });
}

const BUILT_IN = new WorkingDayCalendar(CHINA_HOLIDAY_ARRANGEMENTS);

/** What `china()` answers: the built-in years and the published years adopted so far (by year). */
let national: { readonly calendar: WorkingDayCalendar; readonly published: ReadonlyMap<number, HolidayArrangement> } = {
  calendar: BUILT_IN,
  published: new Map(),
};

/** What adopting published years did: the years now covered from them, and those left waiting for an earlier year. */
export interface Adoption {
  readonly adopted: readonly number[];
  readonly waiting: readonly number[];
}

/**
 * Extends the national calendar with years published at runtime (the registry's
 * `registry.HolidayArrangementPublished`): each given year is added, or replaces the arrangement
 * adopted for it before (a correction). Years that do not yet follow on from the covered ones
 * (their predecessor has not arrived) wait, kept for the next call. The whole is checked as a new
 * calendar first: if it is not valid, this throws and `china()` stays as it was. A built-in year
 * cannot be replaced (`CALENDAR.BUILT_IN_YEAR`).
 */
export function adoptPublishedYears(arrangements: readonly HolidayArrangement[]): Adoption {
  const published = new Map(national.published);
  for (const arrangement of arrangements) {
    if (arrangement.year <= BUILT_IN.lastYear) {
      throw new DomainError('CALENDAR.BUILT_IN_YEAR', `${arrangement.year} is compiled into the code and cannot be replaced`, 'conflict', {
        year: arrangement.year,
      });
    }
    published.set(arrangement.year, arrangement);
  }
  const adopted: HolidayArrangement[] = [];
  for (let year = BUILT_IN.lastYear + 1; published.has(year); year++) adopted.push(published.get(year)!);
  const calendar = BUILT_IN.withArrangements(adopted);
  national = { calendar, published };
  return {
    adopted: adopted.map((arrangement) => arrangement.year),
    waiting: [...published.keys()].filter((year) => year > calendar.lastYear).sort((a, b) => a - b),
  };
}

/** Back to the built-in years only: for tests, which share one process between services. */
export function forgetPublishedYears(): void {
  national = { calendar: BUILT_IN, published: new Map() };
}
