import { DomainError, requireDay } from '@app/domain';
import { CHINA_HOLIDAY_ARRANGEMENTS } from './china-holidays';
import { calendarDaysBetween, dayFromNumber, dayNumber, isWeekend, requireCount, yearOf } from './days';

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
 * guessing a year whose arrangement has not been published.
 */
export class WorkingDayCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly first: number;
  private readonly holidayNames = new Map<string, string>();
  private readonly makeUpDays = new Set<string>();
  /** `before[i]`: working days from the first covered day up to, not including, covered day i. */
  private readonly before: Int32Array;

  constructor(arrangements: readonly HolidayArrangement[]) {
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

  /** The calendar of the State Council's national arrangements (see china-holidays.ts). */
  static china(): WorkingDayCalendar {
    return CHINA;
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
    for (const period of arrangement.holidays) {
      requireDay(period.from, `${arrangement.year} ${period.name} from`);
      requireDay(period.to, `${arrangement.year} ${period.name} to`);
      const length = calendarDaysBetween(period.from, period.to);
      if (length < 0) invalidData(`${period.name} ${period.from}..${period.to} ends before it begins`);
      for (let i = 0; i <= length; i++) {
        const day = dayFromNumber(dayNumber(period.from) + i);
        if (this.holidayNames.has(day)) invalidData(`${day} is in two holiday periods`);
        if (this.makeUpDays.has(day)) invalidData(`${day} is both a holiday and a make-up working day`);
        this.holidayNames.set(day, period.name);
      }
    }
    for (const day of arrangement.makeUpWorkingDays) {
      requireDay(day, `${arrangement.year} make-up working day`);
      if (!isWeekend(day)) invalidData(`make-up working day ${day} is not a Saturday or Sunday`);
      if (this.holidayNames.has(day)) invalidData(`make-up working day ${day} is inside a holiday`);
      this.makeUpDays.add(day);
    }
  }
}

function invalidData(message: string): never {
  throw new DomainError('CALENDAR.INVALID_DATA', message);
}

const CHINA = new WorkingDayCalendar(CHINA_HOLIDAY_ARRANGEMENTS);
