import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { chinaDay } from '@app/domain';
import { AsOfQuery, CommandContextOf, type CommandContext } from '@app/kit';
import { CurrentPrincipal, invalidRequest, Roles, type Principal } from '@app/platform';
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
  @ApiOperation({ summary: 'Register a unit' })
  register(@Body() dto: RegisterUnitDto, @CommandContextOf({ versioned: false }) context: CommandContext) {
    const { code, parentCode, ...rest } = dto;
    return this.commands.execute(new RegisterUnitCommand({ ...rest, unitCode: code, parentCode: parentCode ?? null }, context));
  }

  @Post(':code/rename')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'Rename a unit from a day on' })
  rename(@Param('code') code: string, @Body() dto: RenameUnitDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RenameUnitCommand({ unitCode: code, ...dto }, context));
  }

  @Post(':code/move')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'Move a unit under another parent from a day on' })
  move(@Param('code') code: string, @Body() dto: MoveUnitDto, @CommandContextOf() context: CommandContext) {
    const data = { unitCode: code, newParentCode: dto.parentCode, effectiveFrom: dto.effectiveFrom };
    return this.commands.execute(new MoveUnitCommand(data, context));
  }

  @Post(':code/dissolve')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'Dissolve a unit with no units under it' })
  dissolve(@Param('code') code: string, @Body() dto: DissolveUnitDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new DissolveUnitCommand({ unitCode: code, ...dto }, context));
  }

  @Post(':code/pairing')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Pair a Party committee or group with the commission or inspection group supervising it' })
  pair(@Param('code') code: string, @Body() dto: PairUnitDto, @CommandContextOf() context: CommandContext) {
    const data = { unitCode: code, counterpartCode: dto.supervisorCode, effectiveFrom: dto.effectiveFrom };
    return this.commands.execute(new PairUnitCommand(data, context));
  }

  @Post(':code/pairing/end')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiOperation({ summary: "End a unit's pairing with its supervising commission" })
  endPairing(@Param('code') code: string, @Body() dto: EndPairingDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new EndUnitPairingCommand({ unitCode: code, ...dto }, context));
  }

  @Post(':code/appointments')
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'Appoint a person to a post in the unit' })
  appoint(@Param('code') code: string, @Body() dto: MakeAppointmentDto, @CommandContextOf() context: CommandContext) {
    const { effectiveTo, endReason, ...rest } = dto;
    const data = { ...rest, unitCode: code, acting: dto.acting ?? false, ...(effectiveTo === undefined ? {} : { effectiveTo, endReason }) };
    return this.commands.execute(new MakeAppointmentCommand(data, context));
  }

  @Post(':code/appointments/:appointmentId/end')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'End an appointment' })
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
  @ApiOperation({ summary: 'Put a team member in charge of units within the unit (分管/联系)' })
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
  @ApiOperation({ summary: "End a team member's portfolio" })
  endPortfolio(
    @Param('code') code: string,
    @Param('appointmentId') appointmentId: string,
    @Body() dto: EndPortfolioDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return this.commands.execute(new EndPortfolioCommand({ unitCode: code, appointmentId, ...dto }, context));
  }

  @Get()
  @ApiOperation({ summary: 'The unit tree as it stood on a day, whole or below one unit' })
  tree(@Query() query: UnitTreeQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetUnitTree({ day: query.on ?? chinaDay(new Date()), root: query.root }, principal));
  }

  @Get('search')
  @ApiOperation({ summary: 'Find units by part of the Chinese name or the start of the code' })
  search(@Query() query: UnitSearchQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new SearchUnits({ text: query.q }, principal));
  }

  @Get(':code')
  @ApiOperation({ summary: 'A unit with its current team and full history' })
  detail(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetUnitDetail({ code, today: chinaDay(new Date()) }, principal));
  }

  @Get(':code/team')
  @ApiOperation({ summary: "Who was on the unit's team on a day" })
  team(@Param('code') code: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetUnitTeam({ code, day: query.day() }, principal));
  }

  @Get(':code/posts/:post')
  @ApiOperation({ summary: 'Who held a post in the unit on a day' })
  holders(@Param('code') code: string, @Param('post') post: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    if (!isPostKind(post)) throw invalidRequest([{ field: 'post', message: `post must be one of ${POST_KINDS.join(', ')}` }]);
    return this.queries.execute(new GetPostHolders({ code, post, day: query.day() }, principal));
  }

  @Get(':code/responsibility-chain')
  @ApiOperation({ summary: 'Who was responsible for the unit on a day, and to whom it answered' })
  chain(@Param('code') code: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetResponsibilityChain({ code, day: query.day() }, principal));
  }
}
