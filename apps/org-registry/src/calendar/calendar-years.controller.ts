import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, Roles, type Principal } from '@app/platform';
import { CalendarYearParams, PublishHolidayArrangementDto } from './calendar-year.dto';
import { GetCalendarYear, ListCalendarYears, PublishHolidayArrangementCommand } from './calendar-year.handlers';
import { CalendarYearsView, CalendarYearView } from './calendar-year.responses';

/** The national working-day calendar's years over HTTP: each route turns its validated input into a command or query on the bus. */
@ApiTags('calendar')
@Controller('calendar/years')
export class CalendarYearsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiRead({
    summary: 'The years the national working-day calendar covers',
    description:
      'The years compiled into the code (2014–2026, from the State Council notices) and those published here since, each with its sources; a published year with who published it, when, and its version.',
    type: CalendarYearsView,
  })
  list(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListCalendarYears({}, principal));
  }

  @Get(':year')
  @ApiRead({
    summary: "One year's holiday arrangement",
    description:
      'Its holidays and make-up working days as every service counts working days with them. ETag carries the version of a published year.',
    type: CalendarYearView,
    problems: { 404: ['CALENDAR.YEAR_NOT_FOUND'] },
  })
  get(@Param() params: CalendarYearParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetCalendarYear({ year: params.year }, principal));
  }

  @Put(':year')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: "Publish a year's national holiday arrangement (国务院办公厅关于部分节假日安排的通知)",
    description:
      'Recorded as an event on the year’s stream and announced on registry.events.v1: every service’s working-day calendar extends to the year without a redeploy. Only the year after the last covered one; a correction of a published year names its version in If-Match and a reason, and may not change a day that has already come (China Standard Time).',
    status: 200,
    problems: {
      409: ['CALENDAR.YEAR_NOT_NEXT', 'CALENDAR.BUILT_IN_YEAR', 'CALENDAR.DAY_ALREADY_PASSED'],
      412: ['CALENDAR.CORRECTION_NEEDS_IF_MATCH'],
      422: [
        'YEAR.INVALID',
        'DATE.INVALID',
        'CALENDAR.SOURCES_REQUIRED',
        'CALENDAR.HOLIDAY_NAME_REQUIRED',
        'CALENDAR.DAY_OUTSIDE_YEAR',
        'CALENDAR.PERIOD_ENDS_BEFORE_START',
        'CALENDAR.HOLIDAYS_NOT_IN_ORDER',
        'CALENDAR.HOLIDAYS_OVERLAP',
        'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND',
        'CALENDAR.MAKE_UP_DAY_IN_HOLIDAY',
        'CALENDAR.MAKE_UP_DAY_REPEATED',
        'CALENDAR.CORRECTION_REASON_REQUIRED',
      ],
    },
  })
  publish(@Param() params: CalendarYearParams, @Body() dto: PublishHolidayArrangementDto, @CommandContextOf() context: CommandContext) {
    const { reason, ...arrangement } = dto;
    return this.commands.execute(
      new PublishHolidayArrangementCommand({ year: params.year, ...arrangement, ...(reason === undefined ? {} : { reason }) }, context),
    );
  }
}
