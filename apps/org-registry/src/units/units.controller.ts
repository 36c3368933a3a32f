import { randomUUID } from 'node:crypto';
import { idFromKey } from '../ids';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { chinaDay, DomainError } from '@app/domain';
import { CurrentPrincipal, ExpectedVersion, IdempotencyKey, invalidRequest, Roles, setETag, type Principal } from '@app/platform';
import { AsOfQuery } from '../http.dto';
import { RegistryQueries } from '../read-models/registry.queries';
import { commandMetadata, RegistryCommandService, type CommandRequest, type CommandResponse } from '../registry-command.service';
import { responsibilityChain } from '../responsibility/responsibility-chain';
import { unitStreamId } from './unit.commands';
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
import { appointmentsOn, holdersOn } from './unit.queries';
import { isPostKind, POST_KINDS } from './posts';

type Response = { setHeader(name: string, value: string): unknown };

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(
    private readonly commands: RegistryCommandService,
    private readonly queries: RegistryQueries,
  ) {}

  @Post()
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'Register a unit' })
  async register(
    @Body() dto: RegisterUnitDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    if (dto.parentCode) {
      await this.requireLiveOn(dto.parentCode, dto.effectiveFrom, 'UNIT.PARENT');
      await this.commands.assertMayManageUnit(principal, dto.parentCode);
    } else {
      await this.commands.assertMayManageUnit(principal, dto.code);
    }
    const data = {
      unitCode: dto.code,
      name: dto.name,
      kind: dto.kind,
      level: dto.level,
      parentCode: dto.parentCode ?? null,
      jurisdictionCode: dto.jurisdictionCode,
      effectiveFrom: dto.effectiveFrom,
    };
    return this.send(
      res,
      this.commands.unit(
        unitStreamId(dto.code),
        { type: 'RegisterUnit', data, metadata: commandMetadata(principal, dto.code) },
        { principal, idempotencyKey: key },
      ),
    );
  }

  @Post(':code/rename')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  async rename(
    @Param('code') code: string,
    @Body() dto: RenameUnitDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    return this.send(
      res,
      this.commands.unit(
        unitStreamId(code),
        { type: 'RenameUnit', data: { unitCode: code, ...dto }, metadata: commandMetadata(principal, code) },
        request,
      ),
    );
  }

  @Post(':code/move')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  async move(
    @Param('code') code: string,
    @Body() dto: MoveUnitDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    await this.requireLiveOn(dto.parentCode, dto.effectiveFrom, 'UNIT.PARENT');
    await this.commands.assertMayManageUnit(principal, dto.parentCode);
    const newParentAncestry = await this.queries.ancestryFrom(dto.parentCode, dto.effectiveFrom);
    const data = { unitCode: code, newParentCode: dto.parentCode, newParentAncestry, effectiveFrom: dto.effectiveFrom };
    return this.send(
      res,
      this.commands.unit(unitStreamId(code), { type: 'MoveUnit', data, metadata: commandMetadata(principal, code) }, request),
    );
  }

  @Post(':code/dissolve')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  async dissolve(
    @Param('code') code: string,
    @Body() dto: DissolveUnitDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    const children = (await this.queries.tree(dto.effectiveFrom, code))[0]?.children ?? [];
    if (children.length > 0) {
      throw new DomainError(
        'UNIT.HAS_ACTIVE_CHILDREN',
        `Unit ${code} still has units under it on ${dto.effectiveFrom}: ${children.map((c) => c.code).join(', ')}. Move or dissolve them first.`,
        'conflict',
      );
    }
    return this.send(
      res,
      this.commands.unit(
        unitStreamId(code),
        { type: 'DissolveUnit', data: { unitCode: code, ...dto }, metadata: commandMetadata(principal, code) },
        request,
      ),
    );
  }

  @Post(':code/pairing')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Pair a Party committee or group with the commission or inspection group supervising it' })
  async pair(
    @Param('code') code: string,
    @Body() dto: PairUnitDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    const counterpart = await this.requireLiveOn(dto.supervisorCode, dto.effectiveFrom, 'PAIRING.SUPERVISOR');
    const data = {
      unitCode: code,
      counterpartCode: dto.supervisorCode,
      counterpartKind: counterpart.kind,
      effectiveFrom: dto.effectiveFrom,
    };
    return this.send(
      res,
      this.commands.unit(unitStreamId(code), { type: 'PairUnit', data, metadata: commandMetadata(principal, code) }, request),
    );
  }

  @Post(':code/pairing/end')
  @HttpCode(200)
  @Roles('registry_admin')
  async endPairing(
    @Param('code') code: string,
    @Body() dto: EndPairingDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    return this.send(
      res,
      this.commands.unit(
        unitStreamId(code),
        { type: 'EndUnitPairing', data: { unitCode: code, ...dto }, metadata: commandMetadata(principal, code) },
        request,
      ),
    );
  }

  @Post(':code/appointments')
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'Appoint a person to a post in the unit' })
  async appoint(
    @Param('code') code: string,
    @Body() dto: MakeAppointmentDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    if (!(await this.queries.person(dto.staffNumber)))
      throw new DomainError('PERSON.NOT_FOUND', `No person with staff number ${dto.staffNumber}.`, 'not_found');
    const appointmentId = key ? idFromKey(code, key) : randomUUID();
    const data = {
      unitCode: code,
      appointmentId,
      staffNumber: dto.staffNumber,
      post: dto.post,
      acting: dto.acting ?? false,
      effectiveFrom: dto.effectiveFrom,
      ...(dto.effectiveTo === undefined ? {} : { effectiveTo: dto.effectiveTo, endReason: dto.endReason }),
    };
    const result = await this.send(
      res,
      this.commands.unit(unitStreamId(code), { type: 'MakeAppointment', data, metadata: commandMetadata(principal, code) }, request),
    );
    return { ...result, appointmentId };
  }

  @Post(':code/appointments/:appointmentId/end')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  async endAppointment(
    @Param('code') code: string,
    @Param('appointmentId') appointmentId: string,
    @Body() dto: EndAppointmentDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    return this.send(
      res,
      this.commands.unit(
        unitStreamId(code),
        { type: 'EndAppointment', data: { unitCode: code, appointmentId, ...dto }, metadata: commandMetadata(principal, code) },
        request,
      ),
    );
  }

  @Post(':code/appointments/:appointmentId/portfolio')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  @ApiOperation({ summary: 'Put a team member in charge of units (分管/联系)' })
  async assignPortfolio(
    @Param('code') code: string,
    @Param('appointmentId') appointmentId: string,
    @Body() dto: AssignPortfolioDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    for (const covered of dto.coveredUnitCodes) await this.requireUnit(covered, 'UNIT.COVERED_NOT_FOUND');
    return this.send(
      res,
      this.commands.unit(
        unitStreamId(code),
        { type: 'AssignPortfolio', data: { unitCode: code, appointmentId, ...dto }, metadata: commandMetadata(principal, code) },
        request,
      ),
    );
  }

  @Post(':code/appointments/:appointmentId/portfolio/end')
  @HttpCode(200)
  @Roles('registry_admin', 'unit_officer')
  async endPortfolio(
    @Param('code') code: string,
    @Param('appointmentId') appointmentId: string,
    @Body() dto: EndPortfolioDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const request = await this.authorised(principal, code, key, version);
    return this.send(
      res,
      this.commands.unit(
        unitStreamId(code),
        { type: 'EndPortfolio', data: { unitCode: code, appointmentId, ...dto }, metadata: commandMetadata(principal, code) },
        request,
      ),
    );
  }

  @Get()
  @ApiOperation({ summary: 'The unit tree as it stood on a day, whole or below one unit' })
  async tree(@Query() query: UnitTreeQuery) {
    const day = query.on ?? chinaDay(new Date());
    if (query.root) await this.requireUnit(query.root, 'UNIT.NOT_FOUND');
    return { day, units: await this.queries.tree(day, query.root) };
  }

  @Get('search')
  @ApiOperation({ summary: 'Find units by part of the Chinese name or the start of the code' })
  async search(@Query() query: UnitSearchQuery) {
    const rows = await this.queries.searchUnits(query.q);
    return { units: rows.map(({ code, name, kind, level, parentCode, status }) => ({ code, name, kind, level, parentCode, status })) };
  }

  @Get(':code')
  @ApiOperation({ summary: 'A unit with its current team and full history' })
  async detail(@Param('code') code: string, @Res({ passthrough: true }) res: Response) {
    const row = await this.requireUnit(code, 'UNIT.NOT_FOUND');
    setETag(res, row.version);
    const today = chinaDay(new Date());
    return {
      code: row.code,
      name: row.name,
      kind: row.kind,
      level: row.level,
      parentCode: row.parentCode,
      status: row.status,
      version: row.version,
      team: appointmentsOn(row.state, today),
      history: row.state,
    };
  }

  @Get(':code/team')
  @ApiOperation({ summary: "Who was on the unit's team on a day" })
  async team(@Param('code') code: string, @Query() query: AsOfQuery) {
    const row = await this.requireUnit(code, 'UNIT.NOT_FOUND');
    const day = query.day();
    return { unitCode: code, day, team: appointmentsOn(row.state, day) };
  }

  @Get(':code/posts/:post')
  @ApiOperation({ summary: 'Who held a post in the unit on a day' })
  async holders(@Param('code') code: string, @Param('post') post: string, @Query() query: AsOfQuery) {
    if (!isPostKind(post)) throw invalidRequest([{ field: 'post', message: `post must be one of ${POST_KINDS.join(', ')}` }]);
    const row = await this.requireUnit(code, 'UNIT.NOT_FOUND');
    const day = query.day();
    return { unitCode: code, post, day, holders: holdersOn(row.state, post, day) };
  }

  @Get(':code/responsibility-chain')
  @ApiOperation({ summary: 'Who was responsible for the unit on a day, and to whom it answered' })
  async chain(@Param('code') code: string, @Query() query: AsOfQuery) {
    await this.requireUnit(code, 'UNIT.NOT_FOUND');
    const day = query.day();
    const holders = await this.queries.portfolioHolderUnits(code);
    const units = await this.queries.unitStatesAround([code, ...holders]);
    const chain = responsibilityChain((c) => units.get(c), code, day, holders);
    if (!chain) throw new DomainError('UNIT.NOT_EXISTING_ON_DAY', `Unit ${code} did not exist on ${day}.`, 'not_found');
    return chain;
  }

  private async authorised(principal: Principal, code: string, idempotencyKey?: string, expectedVersion?: number): Promise<CommandRequest> {
    await this.requireUnit(code, 'UNIT.NOT_FOUND');
    await this.commands.assertMayManageUnit(principal, code);
    return { principal, idempotencyKey, expectedVersion };
  }

  /** The unit must exist on `day`: registered by then (422) and not dissolved by then (409). */
  private async requireLiveOn(code: string, day: string, role: string) {
    const row = await this.requireUnit(code, `${role}_NOT_FOUND`);
    const state = row.state;
    if (state.status === 'dissolved' && state.dissolvedFrom <= day) {
      throw new DomainError(`${role}_DISSOLVED`, `Unit ${code} was dissolved from ${state.dissolvedFrom}.`, 'conflict', { unitCode: code });
    }
    if (state.registeredFrom > day) {
      throw new DomainError(`${role}_NOT_YET_REGISTERED`, `Unit ${code} exists only from ${state.registeredFrom}.`, 'invalid', {
        unitCode: code,
      });
    }
    return row;
  }

  private async requireUnit(code: string, errorCode: string) {
    const row = await this.queries.unit(code);
    if (!row) throw new DomainError(errorCode, `No unit with code ${code}.`, 'not_found', { unitCode: code });
    return row;
  }

  private async send(res: Response | undefined, pending: Promise<CommandResponse>): Promise<CommandResponse> {
    const result = await pending;
    if (res) setETag(res, result.version);
    return result;
  }
}
