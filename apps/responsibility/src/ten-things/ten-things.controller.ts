import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import {
  ApiProblems,
  ApiRead,
  attachmentDisposition,
  CurrentPrincipal,
  PARAMETER_PROBLEMS,
  ROLE_PROBLEMS,
  type Principal,
} from '@app/platform';
import { UnitParams, YearQuery } from '../tasks/task.dto';
import {
  CompleteTenThingsProjectCommand,
  CorrectLedgerEntryCommand,
  OpenTenThingsProjectCommand,
  RecordLedgerEntryCommand,
} from './ten-things.command-handlers';
import { LedgerCorrectionDto, LedgerEntryDto, OpenTenThingsProjectDto, ProjectParams } from './ten-things.dto';
import { ExportTenThingsLedger, GetTenThingsProject, ListTenThings } from './ten-things.query-handlers';
import { LedgerEntryResponse, TenThingsProjectView, UnitTenThingsView } from './ten-things.responses';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ON_PROJECT = { 403: ['TEN_THINGS.NOT_PERMITTED', 'COMMISSION.READ_ONLY'], 404: ['TEN_THINGS.NOT_FOUND'] };
const ENTRY_PROBLEMS = {
  ...ON_PROJECT,
  400: ['EVIDENCE.NOT_UPLOADED', 'EVIDENCE.MISMATCH'],
  409: ['TEN_THINGS.COMPLETED', 'TEN_THINGS.DUPLICATE_ENTRY'],
  422: [
    'TEN_THINGS.ENTRY_OUT_OF_YEAR',
    'TEN_THINGS.ENTRY_IN_FUTURE',
    'TEN_THINGS.PROGRESS_DECREASED',
    'TEN_THINGS.TEXT_REQUIRED',
    'TEXT.NATIONAL_ID',
    'EVIDENCE.DUPLICATE',
  ],
};

const key = (params: ProjectParams) => ({ unitCode: params.unit, year: params.year, number: params.n });

/** The principal leader's ten things (十件事) and their ledgers over HTTP: each route is a command or query on the bus. */
@ApiTags('ten-things')
@Controller()
export class TenThingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('ten-things')
  @ApiCommand({
    summary: 'Open one of the ten things of a unit’s year as a project',
    description: 'The principal leader or the unit’s office opens item n (1 to 10) for this year or the next; its title is the seed’s.',
    status: 201,
    problems: {
      403: ['TEN_THINGS.NOT_PERMITTED', 'COMMISSION.READ_ONLY'],
      409: ['TEN_THINGS.ALREADY_OPENED'],
      422: ['TEN_THINGS.INVALID_NUMBER', 'TEN_THINGS.YEAR_OUT_OF_RANGE'],
    },
  })
  open(@Body() dto: OpenTenThingsProjectDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new OpenTenThingsProjectCommand(dto, context));
  }

  @Post('ten-things/:unit/:year/:n/entries')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Add a line to the project’s ledger (台账)',
    description: 'What was done on a day, by whom, with uploaded evidence, and the cumulative progress.',
    status: 200,
    type: LedgerEntryResponse,
    problems: ENTRY_PROBLEMS,
  })
  record(@Param() params: ProjectParams, @Body() dto: LedgerEntryDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RecordLedgerEntryCommand({ ...key(params), ...dto }, context));
  }

  @Post('ten-things/:unit/:year/:n/corrections')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Correct a ledger line',
    description: 'A new line takes the place of the one it supersedes, which stays in the log as it was, with the reason.',
    status: 200,
    type: LedgerEntryResponse,
    problems: {
      ...ENTRY_PROBLEMS,
      404: ['TEN_THINGS.NOT_FOUND', 'TEN_THINGS.ENTRY_NOT_FOUND'],
      409: [...ENTRY_PROBLEMS[409], 'TEN_THINGS.ENTRY_SUPERSEDED'],
      422: [...ENTRY_PROBLEMS[422], 'TEN_THINGS.REASON_REQUIRED'],
    },
  })
  correct(@Param() params: ProjectParams, @Body() dto: LedgerCorrectionDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CorrectLedgerEntryCommand({ ...key(params), ...dto }, context));
  }

  @Post('ten-things/:unit/:year/:n/complete')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Complete a ten-things item',
    description: 'The principal leader declares the item done once its ledger stands at 100%.',
    status: 200,
    problems: { ...ON_PROJECT, 409: ['TEN_THINGS.COMPLETED', 'TEN_THINGS.NOT_FINISHED'] },
  })
  complete(@Param() params: ProjectParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CompleteTenThingsProjectCommand(key(params), context));
  }

  @Get('ten-things/:unit/:year/:n')
  @ApiRead({
    summary: 'A ten-things project with its ledger',
    description: 'ETag carries the version.',
    type: TenThingsProjectView,
    problems: { 404: ['TEN_THINGS.NOT_FOUND'] },
  })
  get(@Param() params: ProjectParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetTenThingsProject(key(params), principal));
  }

  @Get('units/:unit/ten-things')
  @ApiRead({ summary: 'The ten-things projects of a unit’s year', description: 'Ordered by item number.', type: UnitTenThingsView })
  list(@Param() params: UnitParams, @Query() query: YearQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListTenThings({ unitCode: params.unit, year: query.year }, principal));
  }

  @Get('units/:unit/ten-things/ledger.xlsx')
  @ApiOperation({
    summary: 'The unit’s ten-things ledger of a year as a printable workbook',
    description: '主要负责人“十件事”工作台账: every line of every item, with its evidence names and progress.',
  })
  @ApiOkResponse({ description: 'The workbook', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS)
  async ledger(@Param() params: UnitParams, @Query() query: YearQuery, @CurrentPrincipal() principal: Principal) {
    const workbook = await this.queries.execute(new ExportTenThingsLedger({ unitCode: params.unit, year: query.year }, principal));
    return new StreamableFile(workbook, {
      type: XLSX_TYPE,
      disposition: attachmentDisposition(
        `${params.unit}-${query.year}年十件事工作台账.xlsx`,
        `ten-things-${params.unit}-${query.year}.xlsx`,
      ),
    });
  }
}
