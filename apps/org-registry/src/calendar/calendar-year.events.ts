import type { DomainEvent } from '@app/domain';

/**
 * Events of a calendar year (stream `calendar-year-<year>`): the year's national holiday
 * arrangement as an authorised operator published it from the State Council notice. Each event
 * carries the whole arrangement; a later one corrects the earlier and says why.
 */

export interface HolidayPeriodData {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export type HolidayArrangementPublished = DomainEvent<
  'HolidayArrangementPublished',
  {
    readonly year: number;
    /** 1 on the first publication, one more per correction (the stream version it makes). */
    readonly revision: number;
    readonly sources: readonly string[];
    readonly holidays: readonly HolidayPeriodData[];
    readonly makeUpWorkingDays: readonly string[];
    /** Absent on the first publication; why the arrangement was corrected on every later one. */
    readonly correctionReason?: string;
    /** Who published it and when (from the command), for the list of covered years. */
    readonly publishedBy: string;
    readonly publishedAt: string;
  }
>;

export type CalendarYearEvent = HolidayArrangementPublished;

export const CALENDAR_YEAR_EVENT_TYPES: readonly CalendarYearEvent['type'][] = ['HolidayArrangementPublished'];
