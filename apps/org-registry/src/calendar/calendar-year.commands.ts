import type { Command } from '@app/domain';
import type { HolidayArrangement } from '@app/deadlines';

/**
 * Publishes (or corrects) one year's national holiday arrangement. Values arrive as received from
 * the edge; the decider checks them. The handler adds what the rules need from elsewhere: the
 * arrangements published for the other years, and the version the caller corrects (`If-Match`).
 */
export type PublishHolidayArrangement = Command<
  'PublishHolidayArrangement',
  {
    readonly year: number;
    readonly sources: readonly string[];
    readonly holidays: readonly { readonly name: string; readonly from: string; readonly to: string }[];
    readonly makeUpWorkingDays: readonly string[];
    /** Required for a correction: why the published arrangement changes. */
    readonly reason?: string;
    /** The version a correction names (`If-Match`); the command path checks it is the stream's. */
    readonly correctsVersion?: number;
    /** The arrangements published in the registry for every other year (from the read model). */
    readonly otherPublishedYears: readonly HolidayArrangement[];
  }
>;

export type CalendarYearCommand = PublishHolidayArrangement;

export const calendarYearStreamId = (year: number): string => `calendar-year-${year}`;
