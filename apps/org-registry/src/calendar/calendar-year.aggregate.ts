import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { calendarYearStreamId, type CalendarYearCommand } from './calendar-year.commands';
import { calendarYearDecider, type CalendarYearState } from './calendar-year.decider';
import type { CalendarYearEvent } from './calendar-year.events';

/** A calendar year on the command path (published by registry administrators: a role, checked at the edge). */
@Injectable()
export class CalendarYearAggregate {
  private readonly aggregate: Aggregate<CalendarYearState, CalendarYearCommand, CalendarYearEvent> = { decider: calendarYearDecider };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<CalendarYearCommand>, context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, calendarYearStreamId(command.data.year), command, context);
  }
}
