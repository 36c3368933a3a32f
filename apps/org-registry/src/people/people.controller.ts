import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CryptoInputError, parsePublicKey, type SignatureAlgorithm } from '@app/crypto';
import { DomainError } from '@app/domain';
import { CurrentPrincipal, ExpectedVersion, hasRole, IdempotencyKey, Roles, setETag, type Principal } from '@app/platform';
import { idFromKey } from '../ids';
import { AsOfQuery } from '../http.dto';
import { RegistryQueries } from '../read-models/registry.queries';
import { commandMetadata, RegistryCommandService, type CommandRequest, type CommandResponse } from '../registry-command.service';
import { personStreamId, type PersonCommand } from './person.commands';
import { signingKeysOn } from './person.queries';
import {
  DeclareRelationDto,
  PersonSearchQuery,
  RegisterPersonDto,
  RegisterSigningKeyDto,
  RevokeSigningKeyDto,
  UpdateProfileDto,
  WithdrawRelationDto,
} from './person.dto';

type Response = { setHeader(name: string, value: string): unknown };

@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly commands: RegistryCommandService,
    private readonly queries: RegistryQueries,
  ) {}

  @Post()
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Register a person (no national ID numbers)' })
  register(
    @Body() dto: RegisterPersonDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.send(
      res,
      dto.staffNumber,
      { type: 'RegisterPerson', data: { ...dto }, metadata: commandMetadata(principal) },
      { principal, idempotencyKey: key },
    );
  }

  @Post(':staffNumber/profile')
  @HttpCode(200)
  @Roles('registry_admin')
  updateProfile(
    @Param('staffNumber') staffNumber: string,
    @Body() dto: UpdateProfileDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.send(
      res,
      staffNumber,
      { type: 'UpdatePersonProfile', data: { staffNumber, ...dto }, metadata: commandMetadata(principal) },
      { principal, idempotencyKey: key, expectedVersion: version },
    );
  }

  @Post(':staffNumber/signing-keys')
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Register the public key a person signs sign-offs with (Ed25519 or SM2)' })
  registerKey(
    @Param('staffNumber') staffNumber: string,
    @Body() dto: RegisterSigningKeyDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const parsed = parseKey(dto.algorithm as SignatureAlgorithm, dto.publicKey);
    const data = {
      staffNumber,
      algorithm: parsed.algorithm,
      publicKey: parsed.publicKey,
      fingerprint: parsed.fingerprint,
      effectiveFrom: dto.effectiveFrom,
    };
    return this.send(
      res,
      staffNumber,
      { type: 'RegisterSigningKey', data, metadata: commandMetadata(principal) },
      { principal, idempotencyKey: key, expectedVersion: version },
    ).then((r) => ({ ...r, fingerprint: parsed.fingerprint }));
  }

  @Post(':staffNumber/signing-keys/:fingerprint/revoke')
  @HttpCode(200)
  @Roles('registry_admin')
  revokeKey(
    @Param('staffNumber') staffNumber: string,
    @Param('fingerprint') fingerprint: string,
    @Body() dto: RevokeSigningKeyDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.send(
      res,
      staffNumber,
      { type: 'RevokeSigningKey', data: { staffNumber, fingerprint, ...dto }, metadata: commandMetadata(principal) },
      { principal, idempotencyKey: key, expectedVersion: version },
    );
  }

  @Post(':staffNumber/relations')
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Declare a relation (kinship, former post) with a unit, for conflict-of-interest checks' })
  async declareRelation(
    @Param('staffNumber') staffNumber: string,
    @Body() dto: DeclareRelationDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    if (!(await this.queries.unit(dto.unitCode)))
      throw new DomainError('UNIT.NOT_FOUND', `No unit with code ${dto.unitCode}.`, 'not_found');
    const relationId = key ? idFromKey(staffNumber, key) : randomUUID();
    const result = await this.send(
      res,
      staffNumber,
      { type: 'DeclareRelation', data: { staffNumber, relationId, ...dto }, metadata: commandMetadata(principal) },
      { principal, idempotencyKey: key, expectedVersion: version },
    );
    return { ...result, relationId };
  }

  @Post(':staffNumber/relations/:relationId/withdraw')
  @HttpCode(200)
  @Roles('registry_admin')
  withdrawRelation(
    @Param('staffNumber') staffNumber: string,
    @Param('relationId') relationId: string,
    @Body() dto: WithdrawRelationDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() version?: number,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.send(
      res,
      staffNumber,
      { type: 'WithdrawRelation', data: { staffNumber, relationId, ...dto }, metadata: commandMetadata(principal) },
      { principal, idempotencyKey: key, expectedVersion: version },
    );
  }

  @Get()
  @ApiOperation({ summary: 'Find people by part of the name or the start of the staff number' })
  async search(@Query() query: PersonSearchQuery) {
    const rows = await this.queries.searchPeople(query.q);
    return { people: rows.map(({ staffNumber, name }) => ({ staffNumber, name })) };
  }

  @Get(':staffNumber')
  @ApiOperation({ summary: 'A person: name, signing keys, declared relations; personal data for registry administrators only' })
  async detail(
    @Param('staffNumber') staffNumber: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const row = await this.requirePerson(staffNumber);
    setETag(res, row.version);
    const { state } = row;
    const personal = hasRole(principal, 'registry_admin')
      ? { gender: state.gender, birthYear: state.birthYear, contact: state.contact }
      : {};
    return { staffNumber, name: state.name, version: row.version, ...personal, signingKeys: state.keys, relations: state.relations };
  }

  @Get(':staffNumber/appointments')
  @ApiOperation({ summary: "A person's appointment history, oldest first" })
  async appointments(@Param('staffNumber') staffNumber: string) {
    await this.requirePerson(staffNumber);
    return { staffNumber, appointments: await this.queries.appointmentsOf(staffNumber) };
  }

  @Get(':staffNumber/signing-keys')
  @ApiOperation({ summary: 'The keys valid on a day: what a sign-off made that day must verify against' })
  async keysOn(@Param('staffNumber') staffNumber: string, @Query() query: AsOfQuery) {
    const row = await this.requirePerson(staffNumber);
    const day = query.day();
    return { staffNumber, day, signingKeys: signingKeysOn(row.state, day) };
  }

  private async requirePerson(staffNumber: string) {
    const row = await this.queries.person(staffNumber);
    if (!row) throw new DomainError('PERSON.NOT_FOUND', `No person with staff number ${staffNumber}.`, 'not_found');
    return row;
  }

  private async send(
    res: Response | undefined,
    staffNumber: string,
    command: PersonCommand,
    request: CommandRequest,
  ): Promise<CommandResponse> {
    const result = await this.commands.person(personStreamId(staffNumber), command, request);
    if (res) setETag(res, result.version);
    return result;
  }
}

function parseKey(algorithm: SignatureAlgorithm, text: string) {
  try {
    return parsePublicKey(algorithm, text);
  } catch (error) {
    if (error instanceof CryptoInputError) throw new DomainError(error.code, error.message, 'invalid');
    throw error;
  }
}
