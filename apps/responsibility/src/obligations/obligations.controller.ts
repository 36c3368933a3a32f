import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ApiCommand, CommandContextOf, IsCalendarDay, type CommandContext } from '@app/kit';
import { ApiRead, assertActsFor, CurrentPrincipal, Roles, type Principal } from '@app/platform';
import type { ObligationColour } from './obligation-colour';
import { FulfilObligationCommand, OpenObligationCommand } from './obligation.command-handlers';
import { ListObligations } from './obligation.query-handlers';
import { ObligationScheduler, type ObligationSchedulerPass } from './obligation-scheduler';

const COLOURS: readonly ObligationColour[] = ['on_track', 'due_soon', 'overdue', 'done_late', 'done'];

export class OpenObligationDto {
  @ApiProperty({ example: 'JS-JYJ' }) @IsString() @Length(1, 64) unitCode!: string;
  @ApiProperty({ example: 'meeting_filing:JS-JYJ:2025-03-02', description: 'What must be done, `<kind>:<ref>…`' })
  @IsString()
  @Length(1, 200)
  subject!: string;
  @ApiProperty({ example: 'meeting_filing.due', description: 'A deadline rule name of the rule book' })
  @IsString()
  @Length(1, 100)
  ruleName!: string;
  @ApiProperty({ example: '2025-03-02', description: 'The day the rule counts from' }) @IsCalendarDay() fromDay!: string;
}

export class FulfilObligationDto {
  @ApiProperty({ example: '2025-03-05' }) @IsCalendarDay() fulfilledOn!: string;
  @ApiProperty({ example: 'meeting_filing:JS-JYJ:2025-03-02#1', description: 'What fulfilled it' })
  @IsString()
  @Length(1, 200)
  evidence!: string;
}

export class ObligationParams {
  @ApiProperty() @IsUUID() obligationId!: string;
}

export class ObligationListQuery {
  @ApiProperty({ example: 'JS-JYJ' }) @IsString() @Length(1, 64) unit!: string;
  @ApiPropertyOptional({ enum: COLOURS, description: 'Only obligations of this colour today' })
  @IsOptional()
  @IsIn(COLOURS)
  status?: ObligationColour;
}

export class ObligationView {
  @ApiProperty() obligationId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() ruleName!: string;
  @ApiProperty() dueOn!: string;
  @ApiProperty() warnFrom!: string;
  @ApiProperty({ enum: ['pending', 'fulfilled'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) fulfilledOn!: string | null;
  @ApiProperty({ enum: COLOURS }) colour!: string;
  @ApiProperty() version!: number;
}

export class SchedulerPassView {
  @ApiProperty({ description: 'False when another instance was running a pass' }) ran!: boolean;
  @ApiProperty() considered!: number;
  @ApiProperty() warned!: number;
  @ApiProperty() markedOverdue!: number;
}

/** Obligations (义务): what a unit must do by a day, opened from a named deadline rule and watched by the scheduler. */
@ApiTags('obligations')
@Controller('obligations')
export class ObligationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly scheduler: ObligationScheduler,
  ) {}

  @Post()
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'Open an obligation of a unit under a named deadline rule',
    description:
      'The due day is the rule in force for the unit’s jurisdiction on `fromDay`; opening the same rule on the same subject again records nothing.',
    status: 201,
    problems: {
      404: ['OBLIGATION.UNIT_NOT_FOUND', 'RULE.NOT_FOUND'],
      409: ['OBLIGATION.ALREADY_OPEN', 'REGISTRY.NOT_CAUGHT_UP', 'OBLIGATION.NO_JURISDICTION'],
      422: ['OBLIGATION.INVALID_SUBJECT', 'OBLIGATION.INVALID_UNIT_CODE', 'OBLIGATION.INVALID_RULE', 'CALENDAR.YEAR_NOT_COVERED'],
    },
  })
  open(@Body() dto: OpenObligationDto, @CommandContextOf() context: CommandContext) {
    assertActsFor(context.principal, dto.unitCode, 'write');
    return this.commands.execute(new OpenObligationCommand(dto, context));
  }

  @Post(':obligationId/fulfilment')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Record an obligation fulfilled',
    description:
      'Late when after the due day; a repeated fulfilment records nothing. Process managers fulfil obligations from what met them.',
    status: 200,
    problems: { 404: ['OBLIGATION.NOT_FOUND'], 422: ['OBLIGATION.FULFILLED_IN_FUTURE', 'OBLIGATION.EVIDENCE_REQUIRED'] },
  })
  fulfil(@Param() params: ObligationParams, @Body() dto: FulfilObligationDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new FulfilObligationCommand({ obligationId: params.obligationId, ...dto }, context));
  }

  @Get()
  @ApiRead({ summary: 'A unit’s obligations with today’s colour', description: 'Ordered by due day.', type: [ObligationView] })
  list(@Query() query: ObligationListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(
      new ListObligations({ unitCode: query.unit, ...(query.status ? { colour: query.status } : {}) }, principal),
    );
  }

  @Post('scheduler/run')
  @HttpCode(200)
  @Roles('auditor', 'registry_admin')
  @ApiRead({
    summary: 'Run a pass of the deadline scheduler now',
    description: 'Warns obligations due soon and marks overdue ones, each once; answers the pass’s figures.',
    type: SchedulerPassView,
    parameters: false,
  })
  run(): Promise<ObligationSchedulerPass> {
    return this.scheduler.runNow();
  }
}
