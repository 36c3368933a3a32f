import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, commandContext, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import {
  AssignPetitionOfficersCommand,
  ConcludePetitionCommand,
  NotifyReporterCommand,
  ReadProtectedFieldsCommand,
  RegisterPetitionCommand,
  ScreenPetitionCommand,
  type ScreeningInput,
} from './petition.command-handlers';
import {
  AssignOfficersDto,
  ConcludePetitionDto,
  NotifyReporterDto,
  PetitionListQuery,
  PetitionParams,
  ProtectedReadQuery,
  RegisterPetitionDto,
  ScreenPetitionDto,
} from './petition.dto';
import { GetPetition, ListPetitions } from './petition.query-handlers';
import { PetitionListView, PetitionRegisteredResponse, PetitionView, ProtectedFieldsView } from './petition.responses';

const ON_PETITION = {
  403: ['PETITION.NOT_PETITION_OFFICE'],
  404: ['PETITION.NOT_FOUND'],
  409: ['PETITION.FORWARDED', 'REGISTRY.NOT_CAUGHT_UP'],
};

/** Petitions and reports (信访举报) over HTTP; each route is a command or query on the bus. */
@ApiTags('petitions')
@Controller('petitions')
export class PetitionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCommand({
    summary: 'Register a petition received by a commission',
    description:
      'The receiving commission’s petition office records a petition. The reporter’s name and contact (named petitions) and the ' +
      'content are sealed with SM4 under the active key before anything is stored; a report about the commission’s own secretary ' +
      'is marked to go to the higher commission. Named petitions get the day the reporter must be told of acceptance.',
    status: 201,
    type: PetitionRegisteredResponse,
    problems: {
      403: ['PETITION.NOT_PETITION_OFFICE'],
      409: ['PETITION.ALREADY_REGISTERED', 'REGISTRY.NOT_CAUGHT_UP'],
      422: [
        'PETITION.NOT_A_COMMISSION',
        'PETITION.UNIT_NOT_ON_DAY',
        'PETITION.REPORTER_REQUIRED',
        'PETITION.ANONYMOUS_WITH_REPORTER',
        'PETITION.NOTHING_REPORTED',
        'PETITION.RECEIVED_IN_FUTURE',
      ],
    },
  })
  register(@Body() dto: RegisterPetitionDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RegisterPetitionCommand(dto, context));
  }

  @Post(':id/officers')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Assign officers to handle a petition',
    description:
      'The petition office assigns officers; they may then read the protected fields. Nobody the petition reports on is assigned.',
    status: 200,
    problems: { ...ON_PETITION, 422: ['PETITION.NO_OFFICERS', 'PETITION.OFFICER_NAMED'] },
  })
  assign(@Param() params: PetitionParams, @Body() dto: AssignOfficersDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new AssignPetitionOfficersCommand({ petitionId: params.id, officers: dto.officers }, context));
  }

  @Post(':id/screening')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Screen a petition (受理/分流)',
    description:
      'accepted (within this commission’s remit), forwarded (to the higher commission, due within rule petition.forward_to_higher; ' +
      'only a stub stays), transferred (to a commission directly below), not_accepted (with a reason) or repeat (of an earlier ' +
      'petition). A petition about the commission’s own secretary can only be forwarded.',
    status: 200,
    problems: {
      ...ON_PETITION,
      409: [...ON_PETITION[409], 'PETITION.ALREADY_SCREENED', 'PETITION.MUST_GO_HIGHER', 'PETITION.NO_HIGHER_COMMISSION'],
      422: [
        'PETITION.NOT_LOWER_COMMISSION',
        'PETITION.REASON_REQUIRED',
        'PETITION.EARLIER_NOT_FOUND',
        'PETITION.EARLIER_ELSEWHERE',
        'PETITION.REPEAT_OF_ITSELF',
      ],
    },
  })
  screen(@Param() params: PetitionParams, @Body() dto: ScreenPetitionDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new ScreenPetitionCommand({ petitionId: params.id, ...(dto as Omit<ScreeningInput, 'petitionId'>) }, context),
    );
  }

  @Post(':id/notices')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record that a named reporter was told of acceptance or of the result',
    description:
      'Acceptance (受理情况) once screened here, due within rule reporter.acceptance_notice of receipt; result (处理结果) once ' +
      'concluded, due within rule reporter.result_notice of the conclusion. After the due day it is recorded as late. By the ' +
      'petition office or an assigned officer; the same notice on the same day again records nothing.',
    status: 200,
    problems: {
      ...ON_PETITION,
      403: [...ON_PETITION[403], 'PETITION.NOT_HANDLING'],
      409: [
        ...ON_PETITION[409],
        'PETITION.ANONYMOUS',
        'PETITION.NOT_SCREENED',
        'PETITION.NO_NOTICE_DUE',
        'PETITION.NOT_CONCLUDED',
        'PETITION.ALREADY_NOTIFIED',
      ],
      422: ['PETITION.SENT_IN_FUTURE', 'PETITION.SENT_TOO_EARLY'],
    },
  })
  notify(@Param() params: PetitionParams, @Body() dto: NotifyReporterDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new NotifyReporterCommand({ petitionId: params.id, notice: dto.notice, sentOn: dto.sentOn }, context));
  }

  @Post(':id/conclusion')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Conclude an accepted petition (办结) with its result',
    description:
      'substantiated, partly_substantiated, unsubstantiated or referred_as_clue. A named reporter is then due to be told of the ' +
      'result within rule reporter.result_notice. By the petition office or an assigned officer; the same result again records nothing.',
    status: 200,
    problems: {
      ...ON_PETITION,
      403: [...ON_PETITION[403], 'PETITION.NOT_HANDLING'],
      409: [...ON_PETITION[409], 'PETITION.NOT_ACCEPTED', 'PETITION.ALREADY_CONCLUDED'],
    },
  })
  conclude(@Param() params: PetitionParams, @Body() dto: ConcludePetitionDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ConcludePetitionCommand({ petitionId: params.id, result: dto.result }, context));
  }

  @Get()
  @ApiRead({
    summary: 'A commission’s petitions, newest receipt first, with their pending deadlines',
    description:
      'For auditors and the commission’s petition office and secretary; a petition reporting on the caller is never listed to them. ' +
      'No protected field and no person named. overdue=true: a deadline was missed and is still not met. Pages of `limit` (≤ 500); ' +
      'pass `next` as `after`.',
    type: PetitionListView,
    problems: { 422: ['PETITION.INVALID_CURSOR'] },
  })
  list(@Query() query: PetitionListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(
      new ListPetitions(
        {
          commission: query.commission,
          status: query.status,
          overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
          receivedFrom: query.receivedFrom,
          receivedTo: query.receivedTo,
          limit: query.limit ?? 100,
          after: query.after,
        },
        principal,
      ),
    );
  }

  @Get(':id')
  @ApiRead({
    summary: 'A petition without its protected fields',
    description:
      'For auditors, the receiving commission’s petition office and secretary, and the assigned officers; never for a person it reports on. ' +
      'A forwarded petition is its stub. ETag carries the version.',
    type: PetitionView,
    problems: { 404: ['PETITION.NOT_FOUND'] },
  })
  get(@Param() params: PetitionParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetPetition({ petitionId: params.id }, principal));
  }

  @Get(':id/protected')
  @ApiRead({
    summary: 'The reporter and the content of a petition, for its assigned officers and approving secretary',
    description:
      'Every attempt is recorded in the petition’s stream with who, when and why — a refused one too, before it is answered 403 ' +
      '(or 409 once forwarded).',
    type: ProtectedFieldsView,
    problems: {
      403: ['PETITION.NOT_ASSIGNED', 'PETITION.READER_REPORTED_ON'],
      404: ['PETITION.NOT_FOUND'],
      409: ['PETITION.FORWARDED'],
    },
  })
  readProtected(@Param() params: PetitionParams, @Query() query: ProtectedReadQuery, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(
      new ReadProtectedFieldsCommand({ petitionId: params.id, reason: query.reason }, commandContext(principal)),
    );
  }
}
