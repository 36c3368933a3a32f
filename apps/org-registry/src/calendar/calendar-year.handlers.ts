import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CHINA_HOLIDAY_ARRANGEMENTS, WorkingDayCalendar, type HolidayArrangement } from '@app/deadlines';
import { DomainError } from '@app/domain';
import { BusCommand, BusQuery, type CommandResponse } from '@app/kit';
import { ReadRules } from '../read-rules';
import { CalendarYearAggregate } from './calendar-year.aggregate';
import type { PublishHolidayArrangement } from './calendar-year.commands';
import type { PublishedYear } from './calendar-year.decider';
import type { CalendarYearSummaryView, CalendarYearsView, CalendarYearView } from './calendar-year.responses';
import { PublishedCalendar } from './published-calendar';

/**
 * The calendar use cases on the buses. Publishing reads the other published years (the decider
 * checks the year follows on and fits beside them), passes on the version `If-Match` names, and
 * once the event has committed extends this process's national calendar from the read model.
 */

export class PublishHolidayArrangementCommand extends BusCommand<
  Omit<PublishHolidayArrangement['data'], 'otherPublishedYears' | 'correctsVersion'>
> {}

@CommandHandler(PublishHolidayArrangementCommand)
export class PublishHolidayArrangementHandler implements ICommandHandler<PublishHolidayArrangementCommand> {
  constructor(
    private readonly years: CalendarYearAggregate,
    private readonly calendar: PublishedCalendar,
  ) {}

  async execute({ data, context }: PublishHolidayArrangementCommand): Promise<CommandResponse> {
    const otherPublishedYears = (await this.calendar.years()).map((year) => year.arrangement).filter((other) => other.year !== data.year);
    const correctsVersion = context.expectedVersion;
    const result = await this.years.send(
      {
        type: 'PublishHolidayArrangement',
        data: { ...data, otherPublishedYears, ...(correctsVersion === undefined ? {} : { correctsVersion }) },
      },
      context,
    );
    await this.calendar.adopt();
    return result;
  }
}

export class ListCalendarYears extends BusQuery<Record<string, never>, CalendarYearsView> {}

@QueryHandler(ListCalendarYears)
export class ListCalendarYearsHandler implements IQueryHandler<ListCalendarYears> {
  constructor(
    private readonly calendar: PublishedCalendar,
    private readonly rules: ReadRules,
  ) {}

  async execute({ principal }: ListCalendarYears): Promise<CalendarYearsView> {
    this.rules.assertMayRead(principal);
    const years = await coveredYears(this.calendar);
    return {
      firstYear: years[0].year,
      lastYear: years[years.length - 1].year,
      years: years.map(({ holidays: _holidays, makeUpWorkingDays: _days, ...summary }) => summary),
    };
  }
}

export class GetCalendarYear extends BusQuery<{ readonly year: number }, CalendarYearView> {}

@QueryHandler(GetCalendarYear)
export class GetCalendarYearHandler implements IQueryHandler<GetCalendarYear> {
  constructor(
    private readonly calendar: PublishedCalendar,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { year }, principal }: GetCalendarYear): Promise<CalendarYearView> {
    this.rules.assertMayRead(principal);
    const found = (await coveredYears(this.calendar)).find((covered) => covered.year === year);
    if (!found) {
      throw new DomainError('CALENDAR.YEAR_NOT_FOUND', `No holiday arrangement for ${year} is built in or published.`, 'not_found', {
        year,
      });
    }
    return found;
  }
}

/** The built-in years, then the published ones; a published year after a gap is left out (the calendar does not cover it). */
async function coveredYears(calendar: PublishedCalendar): Promise<CalendarYearView[]> {
  const builtIn = CHINA_HOLIDAY_ARRANGEMENTS.map((arrangement) => view(arrangement, 'built_in'));
  const published = new Map((await calendar.years()).map((year) => [year.arrangement.year, year]));
  const years = [...builtIn];
  for (let year = WorkingDayCalendar.builtIn().lastYear + 1; published.has(year); year++) {
    const state = published.get(year)!;
    years.push(view(state.arrangement, 'published', state));
  }
  return years;
}

function view(arrangement: HolidayArrangement, origin: 'built_in' | 'published', state?: PublishedYear): CalendarYearView {
  const summary: CalendarYearSummaryView = {
    year: arrangement.year,
    origin,
    sources: [...arrangement.sources],
    ...(state
      ? {
          version: state.revision,
          publishedBy: state.publishedBy,
          publishedAt: state.publishedAt,
          firstPublishedAt: state.firstPublishedAt,
          ...(state.correctionReason === undefined ? {} : { correctionReason: state.correctionReason }),
        }
      : {}),
  };
  return {
    ...summary,
    holidays: arrangement.holidays.map(({ name, from, to }) => ({ name, from, to })),
    makeUpWorkingDays: [...arrangement.makeUpWorkingDays],
  };
}

export const CALENDAR_HANDLERS = [PublishHolidayArrangementHandler, ListCalendarYearsHandler, GetCalendarYearHandler];
