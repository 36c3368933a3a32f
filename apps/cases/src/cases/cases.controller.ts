import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { ConcludeCaseCommand, ConcludePreliminaryCheckCommand } from './case.command-handlers';
import { ConcludeCaseDto, ConcludeCheckDto, MatterParams } from './case.dto';
import { GetCase, GetCaseTimeline, GetPreliminaryCheck } from './case.query-handlers';
import { CaseTimelineView, CaseView, PreliminaryCheckView } from './case.responses';

const DECIDING = { 403: ['CASE.NOT_HANDLING', 'CASE.SUBJECT_ACTING'], 409: ['REGISTRY.NOT_CAUGHT_UP'] };

/** Preliminary checks (初步核实) over HTTP: opened by a clue's disposal or an escalated inquiry, never here. */
@ApiTags('cases')
@Controller('preliminary-checks')
export class PreliminaryChecksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @ApiRead({
    summary: 'A preliminary check',
    description: 'For auditors and the handling commission’s officers and secretary; never for a subject. ETag carries the version.',
    type: PreliminaryCheckView,
    problems: { 403: ['AUTH.FORBIDDEN'], 404: ['PRELIMINARY_CHECK.NOT_FOUND'] },
  })
  get(@Param() params: MatterParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetPreliminaryCheck({ checkId: params.id }, principal));
  }

  @Post(':id/conclusion')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Conclude a preliminary check: open a case (立案) or close (予以了结)',
    description:
      'By the handling commission’s officers or secretary, once. open_case opens the case against the check’s subjects the same ' +
      'day (its id is derived from the check’s and given as caseId on the check).',
    status: 200,
    problems: {
      ...DECIDING,
      404: ['PRELIMINARY_CHECK.NOT_FOUND'],
      409: [...DECIDING[409], 'PRELIMINARY_CHECK.CONCLUDED'],
      422: ['PRELIMINARY_CHECK.INVALID_DECISION', 'PRELIMINARY_CHECK.REASON_REQUIRED'],
    },
  })
  conclude(@Param() params: MatterParams, @Body() dto: ConcludeCheckDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new ConcludePreliminaryCheckCommand({ checkId: params.id, decision: dto.decision, reason: dto.reason }, context),
    );
  }
}

/** Cases (立案审查) over HTTP: opened by a preliminary check’s conclusion, concluded here with findings. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @ApiRead({
    summary: 'A case',
    description: 'For auditors and the handling commission’s officers and secretary; never for a subject. ETag carries the version.',
    type: CaseView,
    problems: { 403: ['AUTH.FORBIDDEN'], 404: ['CASE.NOT_FOUND'] },
  })
  get(@Param() params: MatterParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetCase({ caseId: params.id }, principal));
  }

  @Get(':id/timeline')
  @ApiRead({
    summary: 'Every event of the case’s chain: clue → inquiry → preliminary check → case',
    description: 'From the event store, in log order, with personal values masked. Same readers as the case.',
    type: CaseTimelineView,
    problems: { 403: ['AUTH.FORBIDDEN'], 404: ['CASE.NOT_FOUND'] },
  })
  timeline(@Param() params: MatterParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetCaseTimeline({ caseId: params.id }, principal));
  }

  @Post(':id/conclusion')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Conclude a case (审结) with its findings',
    description:
      'Each finding: the unit, the persons and the period of the conduct (units as they existed at the period’s end, persons known ' +
      'to the registry). Announced as cases.CaseConcluded@1, which opens the one-case-two-investigations review in responsibility ' +
      'tracking. Once: any decision on a concluded case is 409.',
    status: 200,
    problems: {
      ...DECIDING,
      404: ['CASE.NOT_FOUND'],
      409: [...DECIDING[409], 'CASE.CONCLUDED'],
      422: ['CASE.UNIT_NOT_ON_DAY', 'CASE.INVALID_PERIOD', 'CASE.PERIOD_IN_FUTURE', 'CASE.DUPLICATE_UNIT', 'CASE.FINDING_WITHOUT_PERSON'],
    },
  })
  conclude(@Param() params: MatterParams, @Body() dto: ConcludeCaseDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ConcludeCaseCommand({ caseId: params.id, findings: dto.findings }, context));
  }
}
