import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { chinaDay } from '@app/domain';
import { ApiCommand, AsOfQuery, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, invalidRequest, Roles, type Principal } from '@app/platform';
import { isPostKind, POST_KINDS } from './posts';
import {
  AssignPortfolioCommand,
  DissolveUnitCommand,
  EndAppointmentCommand,
  EndPortfolioCommand,
  EndUnitPairingCommand,
  MakeAppointmentCommand,
  MoveUnitCommand,
  PairUnitCommand,
  RegisterUnitCommand,
  RenameUnitCommand,
} from './unit.command-handlers';
import {
  AssignPortfolioDto,
  DissolveUnitDto,
  EndAppointmentDto,
  EndPairingDto,
  EndPortfolioDto,
  MakeAppointmentDto,
  MoveUnitDto,
  PairUnitDto,
  RegisterUnitDto,
  RenameUnitDto,
  UnitSearchQuery,
  UnitTreeQuery,
} from './unit.dto';
import {
  AppointmentCreatedView,
  PostHoldersView,
  ResponsibilityChainView,
  UnitDetailView,
  UnitSearchView,
  UnitTeamView,
  UnitTreeView,
} from './unit.responses';
import { GetPostHolders, GetResponsibilityChain, GetUnitDetail, GetUnitTeam, GetUnitTree, SearchUnits } from './unit.query-handlers';

/** Units over HTTP: each route turns its validated body into a command or query on the bus. */
@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'Register a unit',
    description:
      'Records a new unit under its parent (or at the top) from a day on. A unit officer registers only under a unit they act for.',
    status: 201,
    problems: {
      404: ['UNIT.PARENT_NOT_FOUND'],
      409: ['UNIT.DUPLICATE_CODE', 'UNIT.PARENT_DISSOLVED'],
      422: ['UNIT.INVALID_CODE', 'UNIT.INVALID_NAME', 'UNIT.INVALID_JURISDICTION', 'UNIT.CYCLE', 'UNIT.PARENT_NOT_YET_REGISTERED'],
    },
  })
  register(@Body() dto: RegisterUnitDto, @CommandContextOf() context: CommandContext) {
    const { code, parentCode, ...rest } = dto;
    return this.commands.execute(new RegisterUnitCommand({ ...rest, unitCode: code, parentCode: parentCode ?? null }, context));
  }

  @Post(':code/rename')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'Rename a unit from a day on',
    description: 'Records the new name from a day on; earlier days keep the old name.',
    status: 200,
    problems: { 404: ['UNIT.NOT_FOUND'], 409: ['UNIT.DISSOLVED'], 422: ['UNIT.INVALID_NAME', 'UNIT.EFFECTIVE_BEFORE_LAST_CHANGE'] },
  })
  rename(@Param('code') code: string, @Body() dto: RenameUnitDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RenameUnitCommand({ unitCode: code, ...dto }, context));
  }

  @Post(':code/move')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'Move a unit under another parent from a day on',
    description: 'Records the new parent from a day on. Refused if the move would make a cycle on any day from then on.',
    status: 200,
    problems: {
      404: ['UNIT.NOT_FOUND', 'UNIT.PARENT_NOT_FOUND'],
      409: ['UNIT.DISSOLVED', 'UNIT.PARENT_DISSOLVED'],
      422: ['UNIT.CYCLE', 'UNIT.PARENT_NOT_YET_REGISTERED', 'UNIT.EFFECTIVE_BEFORE_LAST_CHANGE'],
    },
  })
  move(@Param('code') code: string, @Body() dto: MoveUnitDto, @CommandContextOf() context: CommandContext) {
    const data = { unitCode: code, newParentCode: dto.parentCode, effectiveFrom: dto.effectiveFrom };
    return this.commands.execute(new MoveUnitCommand(data, context));
  }

  @Post(':code/dissolve')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'Dissolve a unit with no units under it',
    description: 'Records that the unit no longer exists from a day on (not after today); its history stays readable.',
    status: 200,
    problems: {
      404: ['UNIT.NOT_FOUND'],
      409: ['UNIT.DISSOLVED', 'UNIT.HAS_ACTIVE_CHILDREN', 'UNIT.DISSOLUTION_BEFORE_RECORDED_FACTS'],
      422: ['UNIT.DISSOLUTION_IN_FUTURE', 'UNIT.REASON_REQUIRED', 'TEXT.TOO_LONG'],
    },
  })
  dissolve(@Param('code') code: string, @Body() dto: DissolveUnitDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new DissolveUnitCommand({ unitCode: code, ...dto }, context));
  }

  @Post(':code/pairing')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Pair a Party committee or group with the commission or inspection group supervising it',
    description: 'Records which discipline commission or inspection group supervises the committee from a day on.',
    status: 200,
    problems: {
      404: ['UNIT.NOT_FOUND', 'PAIRING.SUPERVISOR_NOT_FOUND'],
      409: ['UNIT.DISSOLVED', 'PAIRING.SUPERVISOR_DISSOLVED', 'PAIRING.OVERLAP'],
      422: ['PAIRING.INVALID_KINDS', 'PAIRING.SUPERVISOR_NOT_YET_REGISTERED'],
    },
  })
  pair(@Param('code') code: string, @Body() dto: PairUnitDto, @CommandContextOf() context: CommandContext) {
    const data = { unitCode: code, counterpartCode: dto.supervisorCode, effectiveFrom: dto.effectiveFrom };
    return this.commands.execute(new PairUnitCommand(data, context));
  }

  @Post(':code/pairing/end')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: "End a unit's pairing with its supervising commission",
    description: 'Records the last day of the open pairing and why it ended.',
    status: 200,
    problems: {
      404: ['UNIT.NOT_FOUND'],
      409: ['UNIT.DISSOLVED', 'PAIRING.NOT_PAIRED'],
      422: ['PAIRING.END_BEFORE_START', 'PAIRING.INVALID_REASON'],
    },
  })
  endPairing(@Param('code') code: string, @Body() dto: EndPairingDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new EndUnitPairingCommand({ unitCode: code, ...dto }, context));
  }

  @Post(':code/appointments')
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'Appoint a person to a post in the unit',
    description:
      'Records an appointment from a day on, or a past one with both ends. An exclusive post has at most one holder on any day. The answer names the appointment.',
    status: 201,
    type: AppointmentCreatedView,
    problems: {
      404: ['UNIT.NOT_FOUND', 'PERSON.NOT_FOUND'],
      409: ['UNIT.DISSOLVED', 'APPOINTMENT.DUPLICATE_ID', 'APPOINTMENT.ALREADY_HOLDS_POST', 'APPOINTMENT.EXCLUSIVE_POST_OVERLAP'],
      422: [
        'APPOINTMENT.POST_NOT_IN_UNIT_KIND',
        'APPOINTMENT.END_BEFORE_START',
        'APPOINTMENT.INVALID_REASON',
        'UNIT.EFFECTIVE_BEFORE_REGISTRATION',
      ],
    },
  })
  appoint(@Param('code') code: string, @Body() dto: MakeAppointmentDto, @CommandContextOf() context: CommandContext) {
    const { effectiveTo, endReason, ...rest } = dto;
    const data = { ...rest, unitCode: code, acting: dto.acting ?? false, ...(effectiveTo === undefined ? {} : { effectiveTo, endReason }) };
    return this.commands.execute(new MakeAppointmentCommand(data, context));
  }

  @Post(':code/appointments/:appointmentId/end')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'End an appointment',
    description: 'Records the last day in post and why; a reason of other needs a note.',
    status: 200,
    problems: {
      404: ['UNIT.NOT_FOUND', 'APPOINTMENT.NOT_FOUND'],
      409: ['APPOINTMENT.ALREADY_ENDED', 'APPOINTMENT.END_BEFORE_PORTFOLIO'],
      422: ['APPOINTMENT.END_BEFORE_START', 'APPOINTMENT.INVALID_REASON', 'APPOINTMENT.NOTE_REQUIRED'],
    },
  })
  endAppointment(
    @Param('code') code: string,
    @Param('appointmentId') appointmentId: string,
    @Body() dto: EndAppointmentDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return this.commands.execute(new EndAppointmentCommand({ unitCode: code, appointmentId, ...dto }, context));
  }

  @Post(':code/appointments/:appointmentId/portfolio')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: 'Put a team member in charge of units within the unit (分管/联系)',
    description: "Records the units a team member's portfolio covers from a day on; they must lie within the unit's remit.",
    status: 200,
    problems: {
      404: ['UNIT.NOT_FOUND', 'UNIT.COVERED_NOT_FOUND', 'APPOINTMENT.NOT_FOUND'],
      409: ['APPOINTMENT.ALREADY_ENDED', 'PORTFOLIO.OVERLAP'],
      422: ['PORTFOLIO.POST_WITHOUT_PORTFOLIO', 'PORTFOLIO.OUTSIDE_APPOINTMENT', 'PORTFOLIO.DUPLICATE_UNIT', 'PORTFOLIO.COVERS_OWN_UNIT'],
    },
  })
  assignPortfolio(
    @Param('code') code: string,
    @Param('appointmentId') appointmentId: string,
    @Body() dto: AssignPortfolioDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return this.commands.execute(new AssignPortfolioCommand({ unitCode: code, appointmentId, ...dto }, context));
  }

  @Post(':code/appointments/:appointmentId/portfolio/end')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiCommand({
    summary: "End a team member's portfolio",
    description: 'Records the last day of the open portfolio of an appointment.',
    status: 200,
    problems: { 404: ['UNIT.NOT_FOUND', 'APPOINTMENT.NOT_FOUND'], 409: ['PORTFOLIO.NOT_ASSIGNED'], 422: ['PORTFOLIO.END_BEFORE_START'] },
  })
  endPortfolio(
    @Param('code') code: string,
    @Param('appointmentId') appointmentId: string,
    @Body() dto: EndPortfolioDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return this.commands.execute(new EndPortfolioCommand({ unitCode: code, appointmentId, ...dto }, context));
  }

  @Get()
  @ApiRead({
    summary: 'The unit tree as it stood on a day, whole or below one unit',
    description: 'Names and parents as they were on the day (today in China Standard Time when left out).',
    type: UnitTreeView,
    problems: { 404: ['UNIT.NOT_FOUND'] },
  })
  tree(@Query() query: UnitTreeQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetUnitTree({ day: query.on ?? chinaDay(new Date()), root: query.root }, principal));
  }

  @Get('search')
  @ApiRead({
    summary: 'Find units by part of the Chinese name or the start of the code',
    description: 'Units whose name contains the text or whose code starts with it, each with its latest name, parent and status.',
    type: UnitSearchView,
  })
  search(@Query() query: UnitSearchQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new SearchUnits({ text: query.q }, principal));
  }

  @Get(':code')
  @ApiRead({
    summary: 'A unit with its current team and full history',
    description:
      "The unit's latest name and parent, today's team with names, and its whole effective-dated record. ETag carries the version.",
    type: UnitDetailView,
    problems: { 404: ['UNIT.NOT_FOUND'] },
  })
  detail(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetUnitDetail({ code, today: chinaDay(new Date()) }, principal));
  }

  @Get(':code/team')
  @ApiRead({
    summary: "Who was on the unit's team on a day",
    description: "The appointments in force on the day, each with the holder's name.",
    type: UnitTeamView,
    problems: { 404: ['UNIT.NOT_FOUND'] },
  })
  team(@Param('code') code: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetUnitTeam({ code, day: query.day() }, principal));
  }

  @Get(':code/posts/:post')
  @ApiRead({
    summary: 'Who held a post in the unit on a day',
    description: 'The holders of one post on the day (more than one only for posts that are not exclusive).',
    type: PostHoldersView,
    problems: { 404: ['UNIT.NOT_FOUND'] },
  })
  holders(@Param('code') code: string, @Param('post') post: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    if (!isPostKind(post)) throw invalidRequest([{ field: 'post', message: `post must be one of ${POST_KINDS.join(', ')}` }]);
    return this.queries.execute(new GetPostHolders({ code, post, day: query.day() }, principal));
  }

  @Get(':code/responsibility-chain')
  @ApiRead({
    summary: 'Who was responsible for the unit on a day, and to whom it answered',
    description:
      'Its head, the committee carrying the main responsibility and its principal leader, the paired commission and its secretary, the team members in charge of it, and the next committee up — as on that day.',
    type: ResponsibilityChainView,
    problems: { 404: ['UNIT.NOT_FOUND', 'UNIT.NOT_EXISTING_ON_DAY'] },
  })
  chain(@Param('code') code: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetResponsibilityChain({ code, day: query.day() }, principal));
  }
}
