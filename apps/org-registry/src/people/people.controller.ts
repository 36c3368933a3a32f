import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsOfQuery, CommandContextOf, type CommandContext } from '@app/kit';
import { CurrentPrincipal, Roles, type Principal } from '@app/platform';
import {
  DeclareRelationCommand,
  ErasePersonalDataCommand,
  RegisterPersonCommand,
  RegisterSigningKeyCommand,
  RevokeSigningKeyCommand,
  UpdatePersonProfileCommand,
  WithdrawRelationCommand,
} from './person.command-handlers';
import {
  DeclareRelationDto,
  ErasePersonalDataDto,
  PersonSearchQuery,
  RegisterPersonDto,
  RegisterSigningKeyDto,
  RevokeSigningKeyDto,
  UpdateProfileDto,
  WithdrawRelationDto,
  type ContactDto,
} from './person.dto';
import { GetAppointmentsOf, GetPerson, GetSigningKeysOn, SearchPeople } from './person.query-handlers';

/** People over HTTP: each route turns its validated body into a command or query on the bus. */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Register a person (no national ID numbers)' })
  register(@Body() dto: RegisterPersonDto, @CommandContextOf({ versioned: false }) context: CommandContext) {
    return this.commands.execute(new RegisterPersonCommand({ ...dto, ...plainContact(dto.contact) }, context));
  }

  @Post(':staffNumber/profile')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiOperation({ summary: "Change a person's name, gender, birth year or contact details" })
  updateProfile(@Param('staffNumber') staffNumber: string, @Body() dto: UpdateProfileDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new UpdatePersonProfileCommand({ ...dto, staffNumber, ...plainContact(dto.contact) }, context));
  }

  @Post(':staffNumber/signing-keys')
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Register the public key a person signs sign-offs with (Ed25519 or SM2)' })
  registerKey(@Param('staffNumber') staffNumber: string, @Body() dto: RegisterSigningKeyDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RegisterSigningKeyCommand({ staffNumber, ...dto }, context));
  }

  @Post(':staffNumber/signing-keys/:fingerprint/revoke')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Revoke a signing key from a day on' })
  revokeKey(
    @Param('staffNumber') staffNumber: string,
    @Param('fingerprint') fingerprint: string,
    @Body() dto: RevokeSigningKeyDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return this.commands.execute(new RevokeSigningKeyCommand({ staffNumber, fingerprint, ...dto }, context));
  }

  @Post(':staffNumber/relations')
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Declare a relation (kinship, former post) with a unit, for conflict-of-interest checks' })
  declareRelation(@Param('staffNumber') staffNumber: string, @Body() dto: DeclareRelationDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new DeclareRelationCommand({ staffNumber, ...dto }, context));
  }

  @Post(':staffNumber/relations/:relationId/withdraw')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiOperation({ summary: 'Withdraw a declared relation' })
  withdrawRelation(
    @Param('staffNumber') staffNumber: string,
    @Param('relationId') relationId: string,
    @Body() dto: WithdrawRelationDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return this.commands.execute(new WithdrawRelationCommand({ staffNumber, relationId, ...dto }, context));
  }

  @Get()
  @ApiOperation({ summary: 'Find people by part of the name or the start of the staff number' })
  search(@Query() query: PersonSearchQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new SearchPeople({ text: query.q }, principal));
  }

  @Get(':staffNumber')
  @ApiOperation({ summary: 'A person: name, signing keys, declared relations; personal data for registry administrators only' })
  detail(@Param('staffNumber') staffNumber: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetPerson({ staffNumber }, principal));
  }

  @Get(':staffNumber/appointments')
  @ApiOperation({ summary: "A person's appointment history, oldest first" })
  appointments(@Param('staffNumber') staffNumber: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetAppointmentsOf({ staffNumber }, principal));
  }

  @Get(':staffNumber/signing-keys')
  @ApiOperation({ summary: 'The keys valid on a day: what a sign-off made that day must verify against' })
  keysOn(@Param('staffNumber') staffNumber: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetSigningKeysOn({ staffNumber, day: query.day() }, principal));
  }

  @Post(':staffNumber/erase')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiOperation({ summary: "Erase a person's gender, birth year, contact and relation notes for good (PIPL art. 47)" })
  erase(@Param('staffNumber') staffNumber: string, @Body() dto: ErasePersonalDataDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ErasePersonalDataCommand({ staffNumber, ...dto }, context));
  }
}

/** The contact as plain data (the command is stored and fingerprinted as JSON, not as a DTO instance). */
function plainContact(contact: ContactDto | undefined): { contact?: { phone?: string; email?: string } } {
  return contact === undefined ? {} : { contact: { ...contact } };
}
