import type { ServiceFeature } from '@app/kit';
import { CalendarYearAggregate } from './calendar-year.aggregate';
import { calendarYearDecider } from './calendar-year.decider';
import { CALENDAR_HANDLERS } from './calendar-year.handlers';
import { CalendarYears1765100000000, CALENDAR_YEARS_PROJECTION } from './calendar-years.read-model';
import { CalendarYearsController } from './calendar-years.controller';
import { PublishedCalendar } from './published-calendar';

/** The national working-day calendar's further years, published as reference data (one stream per year). */
export const CALENDAR_FEATURE: ServiceFeature = {
  controllers: [CalendarYearsController],
  providers: [CalendarYearAggregate, PublishedCalendar, ...CALENDAR_HANDLERS],
  projections: [CALENDAR_YEARS_PROJECTION],
  migrations: [CalendarYears1765100000000],
  streamFolders: { 'calendar-year-': calendarYearDecider },
};
