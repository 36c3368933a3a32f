import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, AsOfQuery, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, Roles, type Principal } from '@app/platform';
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
import {
  PersonAppointmentsView,
  PersonSearchView,
  PersonView,
  RelationCreatedView,
  SigningKeyCreatedView,
  SigningKeysOnView,
} from './person.responses';
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
  @ApiCommand({
    summary: 'Register a person (no national ID numbers)',
    description: 'Records a person under a staff number that stays theirs; national ID numbers are refused in every field.',
    status: 201,
    problems: {
      409: ['PERSON.DUPLICATE_STAFF_NUMBER'],
      422: ['PERSON.INVALID_STAFF_NUMBER', 'PERSON.INVALID_NAME', 'PERSON.INVALID_BIRTH_YEAR', 'PERSON.INVALID_CONTACT'],
    },
  })
  register(@Body() dto: RegisterPersonDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RegisterPersonCommand({ ...dto, ...plainContact(dto.contact) }, context));
  }

  @Post(':staffNumber/profile')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: "Change a person's name (from a day), gender, birth year or contact details",
    description:
      'Changes the fields sent and keeps the rest. A new name is borne from `effectiveFrom` on (today in China Standard Time when ' +
      'left out; an earlier day back-dates it, a later day is refused) until a later rename; as-of answers name the person as ' +
      'they were named on their day. A second rename from the same day corrects the first; the name already borne that day ' +
      'changes nothing. Published as registry.PersonRenamed version 2.',
    status: 200,
    problems: {
      404: ['PERSON.NOT_FOUND'],
      422: [
        'PERSON.INVALID_NAME',
        'PERSON.INVALID_BIRTH_YEAR',
        'PERSON.INVALID_CONTACT',
        'PERSON.RENAME_IN_FUTURE',
        'PERSON.EFFECTIVE_FROM_WITHOUT_NAME',
      ],
    },
  })
  updateProfile(@Param('staffNumber') staffNumber: string, @Body() dto: UpdateProfileDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new UpdatePersonProfileCommand({ ...dto, staffNumber, ...plainContact(dto.contact) }, context));
  }

  @Post(':staffNumber/signing-keys')
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Register the public key a person signs sign-offs with (Ed25519 or SM2)',
    description: 'Checks the key is a valid point of its curve and records it from a day on. The answer names its fingerprint.',
    status: 201,
    type: SigningKeyCreatedView,
    problems: { 404: ['PERSON.NOT_FOUND'], 409: ['KEY.DUPLICATE_FINGERPRINT'], 422: ['KEY.MALFORMED', 'KEY.UNSUPPORTED_ALGORITHM'] },
  })
  registerKey(@Param('staffNumber') staffNumber: string, @Body() dto: RegisterSigningKeyDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RegisterSigningKeyCommand({ staffNumber, ...dto }, context));
  }

  @Post(':staffNumber/signing-keys/:fingerprint/revoke')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Revoke a signing key from a day on',
    description: 'From that day on, sign-offs made with the key no longer verify; earlier ones still do.',
    status: 200,
    problems: {
      404: ['PERSON.NOT_FOUND', 'KEY.NOT_FOUND'],
      409: ['KEY.REVOKED'],
      422: ['KEY.INVALID_REASON', 'KEY.REVOCATION_BEFORE_VALIDITY'],
    },
  })
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
  @ApiCommand({
    summary: 'Declare a relation (kinship, former post) with a unit, for conflict-of-interest checks',
    description: 'Records a relation between the person and a unit over a period. The answer names the relation.',
    status: 201,
    type: RelationCreatedView,
    problems: {
      404: ['PERSON.NOT_FOUND', 'UNIT.NOT_FOUND'],
      409: ['RELATION.DUPLICATE_ID', 'RELATION.ALREADY_DECLARED'],
      422: ['RELATION.INVALID_KIND', 'RELATION.INVALID_KINSHIP', 'RELATION.END_REQUIRED', 'RELATION.END_BEFORE_START'],
    },
  })
  declareRelation(@Param('staffNumber') staffNumber: string, @Body() dto: DeclareRelationDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new DeclareRelationCommand({ staffNumber, ...dto }, context));
  }

  @Post(':staffNumber/relations/:relationId/withdraw')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Withdraw a declared relation',
    description: 'Records the last day the relation held.',
    status: 200,
    problems: { 404: ['PERSON.NOT_FOUND', 'RELATION.NOT_FOUND'], 409: ['RELATION.ALREADY_ENDED'], 422: ['RELATION.END_BEFORE_START'] },
  })
  withdrawRelation(
    @Param('staffNumber') staffNumber: string,
    @Param('relationId') relationId: string,
    @Body() dto: WithdrawRelationDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return this.commands.execute(new WithdrawRelationCommand({ staffNumber, relationId, ...dto }, context));
  }

  @Get()
  @ApiRead({
    summary: 'Find people by part of the name or the start of the staff number',
    description: 'Matches with staff number and name only.',
    type: PersonSearchView,
  })
  search(@Query() query: PersonSearchQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new SearchPeople({ text: query.q }, principal));
  }

  @Get(':staffNumber')
  @ApiRead({
    summary: 'A person: name, signing keys, declared relations; personal data for registry administrators and the person only',
    description:
      'Gender, birth year and contact details only for registry administrators and the person themself; relations only for callers whose role sees them. ETag carries the version.',
    type: PersonView,
    problems: { 404: ['PERSON.NOT_FOUND'] },
  })
  detail(@Param('staffNumber') staffNumber: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetPerson({ staffNumber }, principal));
  }

  @Get(':staffNumber/appointments')
  @ApiRead({
    summary: "A person's appointment history, oldest first",
    description:
      'Every appointment in any unit, ended ones too, each with the name the person bore on its first day; ' +
      "and the person's names, each with the first day it was borne.",
    type: PersonAppointmentsView,
    problems: { 404: ['PERSON.NOT_FOUND'] },
  })
  appointments(@Param('staffNumber') staffNumber: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetAppointmentsOf({ staffNumber }, principal));
  }

  @Get(':staffNumber/signing-keys')
  @ApiRead({
    summary: 'The keys valid on a day: what a sign-off made that day must verify against',
    description: 'Keys registered on or before the day and not revoked by it (today in China Standard Time when left out).',
    type: SigningKeysOnView,
    problems: { 404: ['PERSON.NOT_FOUND'] },
  })
  keysOn(@Param('staffNumber') staffNumber: string, @Query() query: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetSigningKeysOn({ staffNumber, day: query.day() }, principal));
  }

  @Post(':staffNumber/erase')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: "Erase a person's gender, birth year, contact and relation notes for good (PIPL art. 47)",
    description:
      'Destroys the key the personal values are encrypted with, in the transaction that records the erasure and its legal basis: ' +
      'the values become unreadable in the log and the read models, and the hash chain still verifies.',
    status: 200,
    problems: { 404: ['PERSON.NOT_FOUND'], 422: ['PERSON.INVALID_LEGAL_BASIS', 'PERSON.ERASURE_NOTE_REQUIRED'] },
  })
  erase(@Param('staffNumber') staffNumber: string, @Body() dto: ErasePersonalDataDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ErasePersonalDataCommand({ staffNumber, ...dto }, context));
  }
}

/** The contact as plain data (the command is stored and fingerprinted as JSON, not as a DTO instance). */
function plainContact(contact: ContactDto | undefined): { contact?: { phone?: string; email?: string } } {
  return contact === undefined ? {} : { contact: { ...contact } };
}
