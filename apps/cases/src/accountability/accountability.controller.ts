import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import {
  CloseCaseAccountabilityCommand,
  CompleteFormalitiesCommand,
  DecideAccountabilityCommand,
  GetDecision,
  ImposeSanctionCommand,
  ListDecisions,
  ListSanctions,
  LodgeAppealCommand,
} from './accountability.command-handlers';
import {
  CloseCaseDto,
  CommissionQuery,
  DayDto,
  DecideAccountabilityDto,
  DecisionListQuery,
  DecisionParams,
  ImposeSanctionDto,
} from './accountability.dto';
import { DecisionListView, DecisionRecordedResponse, DecisionView, SanctionListView } from './accountability.responses';

const ON_DECISION = {
  403: ['ACCOUNTABILITY.NOT_COMMISSION_OFFICER'],
  404: ['ACCOUNTABILITY.DECISION_NOT_FOUND'],
};

/** Accountability decisions (问责) and their sanctions over HTTP; each route is a command or query on the bus. */
@ApiTags('accountability')
@Controller('accountability-decisions')
export class AccountabilityDecisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCommand({
    summary: 'Decide accountability (问责) on a case or on a one-case-two-investigations matter',
    description:
      'Against an organisation (inspection 检查, circulated_criticism 通报, reorganisation 改组) or a cadre (circulated_criticism 通报, ' +
      'admonishment 诫勉, organisational_adjustment 组织调整 with its kind, disciplinary_sanction 纪律处分), combinable. Formalities are due ' +
      'within rule accountability.formalities; the appeal window (rule accountability.appeal_window) is tracked. A closed case takes no ' +
      'more decisions (409).',
    status: 201,
    type: DecisionRecordedResponse,
    problems: {
      403: ['ACCOUNTABILITY.NOT_COMMISSION_OFFICER'],
      404: ['ACCOUNTABILITY.CASE_NOT_FOUND', 'ACCOUNTABILITY.MATTER_NOT_FOUND'],
      409: ['ACCOUNTABILITY.CASE_CLOSED', 'ACCOUNTABILITY.CASE_ELSEWHERE', 'ACCOUNTABILITY.MATTER_ELSEWHERE', 'REGISTRY.NOT_CAUGHT_UP'],
      422: [
        'ACCOUNTABILITY.BASIS_REQUIRED',
        'ACCOUNTABILITY.INVALID_MEASURE',
        'ACCOUNTABILITY.NO_MEASURE',
        'ACCOUNTABILITY.ADJUSTMENT_REQUIRED',
        'ACCOUNTABILITY.NOT_THE_MATTER_SUBJECT',
        'ACCOUNTABILITY.UNIT_NOT_ON_DAY',
        'ACCOUNTABILITY.DECIDED_IN_FUTURE',
      ],
    },
  })
  decide(@Body() dto: DecideAccountabilityDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new DecideAccountabilityCommand(dto, context));
  }

  @Post('closed-cases')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Close a concluded case’s accountability file (结案归档)',
    description: 'After this, decisions on the case are refused with 409 ACCOUNTABILITY.CASE_CLOSED. Closing again records nothing.',
    status: 200,
    problems: {
      403: ['ACCOUNTABILITY.NOT_COMMISSION_OFFICER'],
      404: ['ACCOUNTABILITY.CASE_NOT_FOUND'],
      409: ['ACCOUNTABILITY.CASE_NOT_CONCLUDED', 'ACCOUNTABILITY.CASE_ELSEWHERE'],
    },
  })
  closeCase(@Body() dto: CloseCaseDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CloseCaseAccountabilityCommand(dto, context));
  }

  @Post(':id/sanctions')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Impose a Party or administrative sanction under a decision’s 纪律处分',
    description:
      'The impact period (影响期) runs from the effective day: Party 警告 6 months, 严重警告 12, 撤销党内职务 24, 留党察看 its 1 or 2 years, ' +
      '开除党籍 60; administrative 警告 6, 记过 12, 记大过 18, 降级 24, 撤职 24, 开除 without end. Each counts in the four forms. ' +
      'A type that does not exist is 422 SANCTION.UNKNOWN_TYPE.',
    status: 200,
    problems: {
      ...ON_DECISION,
      409: ['SANCTION.NOT_A_CADRE', 'SANCTION.NOT_DECIDED', 'SANCTION.ALREADY_IMPOSED'],
      422: ['SANCTION.UNKNOWN_KIND', 'SANCTION.UNKNOWN_TYPE', 'SANCTION.PROBATION_YEARS', 'SANCTION.BEFORE_DECISION'],
    },
  })
  sanction(@Param() params: DecisionParams, @Body() dto: ImposeSanctionDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ImposeSanctionCommand({ decisionId: params.id, ...dto }, context));
  }

  @Post(':id/formalities')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record the formalities done (宣布、存档、手续)',
    description: 'Recorded as late when after the due day; the same day again records nothing.',
    status: 200,
    problems: { ...ON_DECISION, 409: ['ACCOUNTABILITY.FORMALITIES_DONE'], 422: ['ACCOUNTABILITY.COMPLETED_IN_FUTURE'] },
  })
  formalities(@Param() params: DecisionParams, @Body() dto: DayDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CompleteFormalitiesCommand({ decisionId: params.id, completedOn: dto.on }, context));
  }

  @Post(':id/appeal')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record an appeal (申诉) lodged within the window',
    description: 'After the window (rule accountability.appeal_window) the appeal is refused with 409.',
    status: 200,
    problems: {
      ...ON_DECISION,
      409: ['ACCOUNTABILITY.APPEAL_WINDOW_CLOSED', 'ACCOUNTABILITY.APPEAL_LODGED'],
      422: ['ACCOUNTABILITY.LODGED_IN_FUTURE'],
    },
  })
  appeal(@Param() params: DecisionParams, @Body() dto: DayDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new LodgeAppealCommand({ decisionId: params.id, lodgedOn: dto.on }, context));
  }

  @Get()
  @ApiRead({
    summary: 'A commission’s accountability decisions, by decision day',
    description: 'For auditors and officers acting for the commission; filter by case and decision days.',
    type: DecisionListView,
  })
  list(@Query() query: DecisionListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListDecisions({ ...query }, principal));
  }

  @Get(':id')
  @ApiRead({
    summary: 'An accountability decision with its sanctions, formalities and appeal',
    description: 'For auditors and officers acting for the deciding commission. ETag carries the version.',
    type: DecisionView,
    problems: { 404: ['ACCOUNTABILITY.DECISION_NOT_FOUND'] },
  })
  get(@Param() params: DecisionParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetDecision({ decisionId: params.id }, principal));
  }
}

@ApiTags('accountability')
@Controller('sanctions')
export class SanctionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiRead({
    summary: 'A commission’s sanctions with their impact periods and four forms',
    description: 'One line per sanction of the commission’s decisions.',
    type: SanctionListView,
  })
  list(@Query() query: CommissionQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListSanctions({ commission: query.commission }, principal));
  }
}
