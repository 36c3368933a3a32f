import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { ApproveClueDisposalCommand, ProposeClueDisposalCommand, RegisterClueCommand, ReviewClueCommand } from './clue.command-handlers';
import { ClueListQuery, ClueParams, ProposeClueDisposalDto, RegisterClueDto, ReviewClueDto } from './clue.dto';
import { GetClue, ListClues } from './clue.query-handlers';
import { ClueListView, ClueRegisteredResponse, ClueView } from './clue.responses';

const ON_CLUE = {
  403: ['CLUE.NOT_FOR_COMMISSION'],
  404: ['CLUE.NOT_FOUND'],
  409: ['CLUE.ALREADY_DISPOSED', 'REGISTRY.NOT_CAUGHT_UP'],
};

/** Clues (问题线索) and their disposal over HTTP; each route is a command or query on the bus. */
@ApiTags('clues')
@Controller('clues')
export class CluesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCommand({
    summary: 'Register a clue in the handling commission’s clue register',
    description:
      'From an accepted petition of the same commission, an inspection tour, an audit or another source, about people (staff ' +
      'numbers with their units, known to the registry on the day). The disposal decision is due within rule clue.disposal_decision.',
    status: 201,
    type: ClueRegisteredResponse,
    problems: {
      403: ['CLUE.NOT_FOR_COMMISSION'],
      409: ['CLUE.ALREADY_REGISTERED', 'REGISTRY.NOT_CAUGHT_UP'],
      422: [
        'CLUE.NOT_A_COMMISSION',
        'CLUE.UNIT_NOT_ON_DAY',
        'CLUE.PETITION_NOT_FOUND',
        'CLUE.PETITION_ELSEWHERE',
        'CLUE.PETITION_NOT_ACCEPTED',
        'CLUE.PETITION_WITHOUT_SOURCE',
        'CLUE.SUBJECT_TWICE',
        'CLUE.REGISTERED_IN_FUTURE',
      ],
    },
  })
  register(@Body() dto: RegisterClueDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RegisterClueCommand(dto, context));
  }

  @Post(':id/review')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record the collective review (集体研判) of a clue',
    description: 'The day and the participants (at least two, none of the people the clue is about).',
    status: 200,
    problems: {
      ...ON_CLUE,
      422: ['CLUE.REVIEW_NOT_COLLECTIVE', 'CLUE.SUBJECT_IN_REVIEW', 'CLUE.REVIEWED_BEFORE_REGISTRATION', 'CLUE.REVIEWED_IN_FUTURE'],
    },
  })
  review(@Param() params: ClueParams, @Body() dto: ReviewClueDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new ReviewClueCommand({ clueId: params.id, reviewedOn: dto.reviewedOn, participants: dto.participants }, context),
    );
  }

  @Post(':id/proposal')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Propose the disposal of a reviewed clue',
    description:
      'Exactly one of inquiry (谈话函询), preliminary_check (初步核实), hold (暂存待查), close (予以了结). Who must approve it is ' +
      'recorded with it, from the posts the subjects hold today (CLUE_APPROVAL_RULES). A later proposal before approval replaces it.',
    status: 200,
    problems: { ...ON_CLUE, 409: [...ON_CLUE[409], 'CLUE.NOT_REVIEWED'], 422: ['CLUE.INVALID_METHOD'] },
  })
  propose(@Param() params: ClueParams, @Body() dto: ProposeClueDisposalDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ProposeClueDisposalCommand({ clueId: params.id, method: dto.method }, context));
  }

  @Post(':id/approvals')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Approve the proposed disposal (the disposal decision)',
    description:
      'By someone holding one of the required posts in the handling commission today (from the registry), never a person the clue ' +
      'is about; otherwise 403 and nothing is written. The approved disposal is reported to the same-level Party committee and the ' +
      'higher commission (dual reporting).',
    status: 200,
    problems: {
      ...ON_CLUE,
      403: ['CLUE.APPROVER_WITHOUT_POST', 'CLUE.APPROVER_IS_SUBJECT'],
      409: [...ON_CLUE[409], 'CLUE.NOTHING_PROPOSED'],
    },
  })
  approve(@Param() params: ClueParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ApproveClueDisposalCommand({ clueId: params.id }, context));
  }

  @Get()
  @ApiRead({
    summary: 'A commission’s clues, newest registration first',
    description: 'For auditors and the commission’s officers and leadership; a clue about the caller is never listed to them.',
    type: ClueListView,
  })
  list(@Query() query: ClueListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(
      new ListClues(
        {
          commission: query.commission,
          status: query.status,
          overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
          limit: query.limit ?? 100,
        },
        principal,
      ),
    );
  }

  @Get(':id')
  @ApiRead({
    summary: 'A clue with its review, proposal and approval',
    description:
      'For auditors and the handling commission’s officers and leadership; never for a person it is about. ETag carries the version.',
    type: ClueView,
    problems: { 404: ['CLUE.NOT_FOUND'] },
  })
  get(@Param() params: ClueParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetClue({ clueId: params.id }, principal));
  }
}
