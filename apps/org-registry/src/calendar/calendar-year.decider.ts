import { addCalendarDays, yearOf, WorkingDayCalendar, type HolidayArrangement } from '@app/deadlines';
import { chinaDay, DomainError, fieldRule, requiredText, requireYear, type Decider } from '@app/domain';
import type { CalendarYearCommand, PublishHolidayArrangement } from './calendar-year.commands';
import type { CalendarYearEvent, HolidayArrangementPublished } from './calendar-year.events';

export interface UnpublishedYear {
  readonly status: 'unpublished';
}

export interface PublishedYear {
  readonly status: 'published';
  readonly arrangement: HolidayArrangement;
  /** How many times it was published: 1, then one more per correction. */
  readonly revision: number;
  readonly publishedBy: string;
  readonly publishedAt: string;
  readonly firstPublishedAt: string;
  /** Why the latest correction was made; absent until corrected. */
  readonly correctionReason?: string;
}

export type CalendarYearState = UnpublishedYear | PublishedYear;

const MAX_SOURCES = 10;
const MAX_SOURCE = 500;
const MAX_NAME = 100;
const MAX_REASON = 2000;
const MAX_DAYS = 60;

/**
 * A year's national holiday arrangement, published by an authorised operator from the State
 * Council notice so that every service's working-day calendar extends to it without a redeploy.
 *
 * - Years follow on from the last covered one, built-in (`china-holidays.ts`) or published, with no
 *   gap (`CALENDAR.YEAR_NOT_NEXT`); a built-in year is never republished (`CALENDAR.BUILT_IN_YEAR`).
 * - At least one source, the notice's title, number and date as text (`CALENDAR.SOURCES_REQUIRED`).
 * - The arrangement passes `WorkingDayCalendar.requireArrangement` (days in the year or its previous
 *   December, periods in order and apart, make-up days on weekends outside holidays), and together
 *   with the built-in and published years makes a valid calendar (late December overlaps).
 * - A correction names the version it corrects (`CALENDAR.CORRECTION_NEEDS_IF_MATCH`) and a reason
 *   (`CALENDAR.CORRECTION_REASON_REQUIRED`); one that changes nothing records nothing.
 * - No day that has already come (today in China Standard Time, or earlier) may change: such days
 *   may have been used for recorded deadlines (`CALENDAR.DAY_ALREADY_PASSED`). This holds for the
 *   late December days of the year before on the first publication too.
 */
export const calendarYearDecider: Decider<CalendarYearState, CalendarYearCommand, CalendarYearEvent> = {
  initialState: () => ({ status: 'unpublished' }),
  decide(command, state) {
    switch (command.type) {
      case 'PublishHolidayArrangement':
        return publish(command, state);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'HolidayArrangementPublished': {
        const { year, revision, sources, holidays, makeUpWorkingDays, correctionReason, publishedBy, publishedAt } = event.data;
        return {
          status: 'published',
          arrangement: { year, sources, holidays, makeUpWorkingDays },
          revision,
          publishedBy,
          publishedAt,
          firstPublishedAt: state.status === 'published' ? state.firstPublishedAt : publishedAt,
          ...(correctionReason === undefined ? {} : { correctionReason }),
        };
      }
    }
  },
};

function publish(command: PublishHolidayArrangement, state: CalendarYearState): HolidayArrangementPublished[] {
  const { data, metadata } = command;
  const year = requireYear(data.year, 'year');
  const builtIn = WorkingDayCalendar.builtIn();
  if (year >= builtIn.firstYear && year <= builtIn.lastYear) {
    throw new DomainError(
      'CALENDAR.BUILT_IN_YEAR',
      `${year} is compiled into the code from the State Council notice (${builtIn.firstYear}–${builtIn.lastYear}) and cannot be republished`,
      'conflict',
      { year },
    );
  }
  const others = data.otherPublishedYears.filter((other) => other.year !== year);
  if (state.status === 'unpublished') {
    const lastCovered = Math.max(builtIn.lastYear, ...others.map((other) => other.year));
    if (year !== lastCovered + 1) {
      throw new DomainError(
        'CALENDAR.YEAR_NOT_NEXT',
        `the calendar covers ${builtIn.firstYear}–${lastCovered}: the next year to publish is ${lastCovered + 1}, not ${year}`,
        'conflict',
        { year, lastCovered },
      );
    }
  }
  const arrangement = arrangementOf(year, data);
  WorkingDayCalendar.requireArrangement(arrangement);
  // With the other years: a holiday beginning in December must not meet the year before's days.
  builtIn.withArrangements([...others, arrangement].sort((a, b) => a.year - b.year));

  let correctionReason: string | undefined;
  if (state.status === 'published') {
    if (data.correctsVersion === undefined) {
      throw new DomainError(
        'CALENDAR.CORRECTION_NEEDS_IF_MATCH',
        `${year} is already published (revision ${state.revision}): a correction names the version it corrects in If-Match`,
        'precondition',
        { year },
      );
    }
    if (sameArrangement(state.arrangement, arrangement)) return [];
    correctionReason = requiredText(data.reason, 'reason', MAX_REASON, 'CALENDAR.CORRECTION_REASON_REQUIRED');
  }
  const today = chinaDay(metadata.now);
  const changed = changedDays(state.status === 'published' ? state.arrangement : undefined, arrangement);
  // On the first publication only the year before's days were covered (and usable) already.
  const guarded = state.status === 'published' ? changed : changed.filter((day) => yearOf(day) < year);
  const passed = guarded.filter((day) => day <= today);
  if (passed.length > 0) {
    throw new DomainError(
      'CALENDAR.DAY_ALREADY_PASSED',
      `the arrangement would change ${passed.join(', ')}, on or before today (${today}): days already used for deadlines do not change`,
      'conflict',
      { days: passed, today },
    );
  }
  return [
    {
      type: 'HolidayArrangementPublished',
      data: {
        year,
        revision: state.status === 'published' ? state.revision + 1 : 1,
        sources: arrangement.sources,
        holidays: arrangement.holidays,
        makeUpWorkingDays: arrangement.makeUpWorkingDays,
        ...(correctionReason === undefined ? {} : { correctionReason }),
        publishedBy: metadata.actor.personId,
        publishedAt: metadata.now.toISOString(),
      },
    },
  ];
}

/** The arrangement as recorded: texts trimmed, make-up days in order. */
function arrangementOf(year: number, data: PublishHolidayArrangement['data']): HolidayArrangement {
  fieldRule(
    Array.isArray(data.sources) && data.sources.length > 0 && data.sources.length <= MAX_SOURCES,
    'CALENDAR.SOURCES_REQUIRED',
    `sources names the notice (title, document number and publication date): 1 to ${MAX_SOURCES} texts`,
    'sources',
  );
  const sources = data.sources.map((source, index) => requiredText(source, `sources[${index}]`, MAX_SOURCE, 'CALENDAR.SOURCES_REQUIRED'));
  fieldRule(isShortList(data.holidays), 'CALENDAR.INVALID_DATA', `holidays is a list of at most ${MAX_DAYS} periods`, 'holidays');
  fieldRule(
    isShortList(data.makeUpWorkingDays),
    'CALENDAR.INVALID_DATA',
    `makeUpWorkingDays is a list of at most ${MAX_DAYS} days`,
    'makeUpWorkingDays',
  );
  const holidays = data.holidays.map((period, index) => ({
    name: requiredText(period.name, `holidays[${index}].name`, MAX_NAME, 'CALENDAR.HOLIDAY_NAME_REQUIRED'),
    from: period.from,
    to: period.to,
  }));
  return { year, sources, holidays, makeUpWorkingDays: [...data.makeUpWorkingDays].sort() };
}

function isShortList(value: unknown): boolean {
  return Array.isArray(value) && value.length <= MAX_DAYS;
}

function sameArrangement(a: HolidayArrangement, b: HolidayArrangement): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every day whose holiday or make-up status differs between two arrangements of a year, in order. */
export function changedDays(before: HolidayArrangement | undefined, after: HolidayArrangement): string[] {
  const labels = (arrangement: HolidayArrangement | undefined): Map<string, string> => {
    const map = new Map<string, string>();
    if (!arrangement) return map;
    for (const period of arrangement.holidays) {
      for (let day = period.from; day <= period.to; day = addCalendarDays(day, 1)) map.set(day, `holiday:${period.name}`);
    }
    for (const day of arrangement.makeUpWorkingDays) map.set(day, 'make-up');
    return map;
  };
  const was = labels(before);
  const becomes = labels(after);
  const days = new Set([...was.keys(), ...becomes.keys()]);
  return [...days].filter((day) => was.get(day) !== becomes.get(day)).sort();
}
