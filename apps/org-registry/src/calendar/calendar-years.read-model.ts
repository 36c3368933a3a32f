import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { calendarYearDecider, type CalendarYearState } from './calendar-year.decider';
import { CALENDAR_YEAR_EVENT_TYPES, type CalendarYearEvent } from './calendar-year.events';

/** Each published year's folded state (the latest arrangement, who published it and when), found by year. */
export const CALENDAR_YEARS_READ_MODEL: StreamStateReadModel<CalendarYearState, CalendarYearEvent> = {
  name: 'calendar-years',
  version: 1,
  table: 'reg_calendar_years',
  handles: CALENDAR_YEAR_EVENT_TYPES,
  initialState: calendarYearDecider.initialState,
  evolve: calendarYearDecider.evolve,
  columns: { year: { type: 'integer', of: (state) => (state.status === 'published' ? state.arrangement.year : null) } },
};

export const CALENDAR_YEARS_PROJECTION = streamStateProjection(CALENDAR_YEARS_READ_MODEL);

export class CalendarYears1765100000000 implements MigrationInterface {
  name = 'CalendarYears1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(CALENDAR_YEARS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX reg_calendar_years_year ON reg_calendar_years (year)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE reg_calendar_years');
  }
}
