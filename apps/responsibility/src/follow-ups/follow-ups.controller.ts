import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { UnitParams, YearQuery } from '../tasks/task.dto';
import {
  AnswerFollowUpCommand,
  CloseFollowUpCommand,
  CommentOnFollowUpCommand,
  IssueFollowUpNoticeCommand,
} from './follow-up.command-handlers';
import { CloseFollowUpDto, FollowUpAnswerDto, FollowUpCommentDto, FollowUpParams, IssueFollowUpDto } from './follow-up.dto';
import { GetFollowUp, ListUnitFollowUps } from './follow-up.query-handlers';
import { FollowUpAnsweredResponse, FollowUpIssuedResponse, FollowUpView, UnitFollowUpsView } from './follow-up.responses';

const BY_COMMISSION = { 403: ['FOLLOW_UP.NOT_PAIRED_COMMISSION'], 404: ['FOLLOW_UP.NOT_FOUND'], 409: ['FOLLOW_UP.CLOSED'] };

/** Follow-up notices (督办) over HTTP: the paired commission asks, the unit answers; each route is a command or query on the bus. */
@ApiTags('follow-ups')
@Controller()
export class FollowUpsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('follow-ups')
  @ApiCommand({
    summary: 'Issue a follow-up notice on one of a unit’s records',
    description: 'The commission paired with the unit today comments on a record of the unit and asks for an answer by a deadline.',
    status: 201,
    type: FollowUpIssuedResponse,
    problems: {
      403: ['FOLLOW_UP.NOT_PAIRED_COMMISSION'],
      409: ['FOLLOW_UP.ALREADY_ISSUED', 'REGISTRY.NOT_CAUGHT_UP'],
      422: ['FOLLOW_UP.RECORD_NOT_OF_UNIT', 'FOLLOW_UP.INVALID_RECORD', 'FOLLOW_UP.DEADLINE_IN_PAST', 'FOLLOW_UP.TEXT_REQUIRED'],
    },
  })
  issue(@Body() dto: IssueFollowUpDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new IssueFollowUpNoticeCommand(dto, context));
  }

  @Post('follow-ups/:id/comments')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Comment further on a notice',
    description: 'A remark of the paired commission, such as on an answer it finds short.',
    status: 200,
    problems: { ...BY_COMMISSION, 422: ['FOLLOW_UP.TEXT_REQUIRED'] },
  })
  comment(@Param() params: FollowUpParams, @Body() dto: FollowUpCommentDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CommentOnFollowUpCommand({ noticeId: params.id, ...dto }, context));
  }

  @Post('follow-ups/:id/answers')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Answer a notice for the unit',
    description: 'The unit’s answer with uploaded evidence; after the deadline it is marked late.',
    status: 200,
    type: FollowUpAnsweredResponse,
    problems: {
      400: ['EVIDENCE.NOT_UPLOADED', 'EVIDENCE.MISMATCH'],
      403: ['FOLLOW_UP.NOT_UNIT_MEMBER'],
      404: ['FOLLOW_UP.NOT_FOUND'],
      409: ['FOLLOW_UP.CLOSED', 'FOLLOW_UP.DUPLICATE_ANSWER'],
      422: ['FOLLOW_UP.TEXT_REQUIRED', 'TEXT.NATIONAL_ID', 'EVIDENCE.DUPLICATE'],
    },
  })
  answer(@Param() params: FollowUpParams, @Body() dto: FollowUpAnswerDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new AnswerFollowUpCommand({ noticeId: params.id, ...dto }, context));
  }

  @Post('follow-ups/:id/close')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Close a notice with its outcome',
    description: 'The paired commission closes the notice: resolved (only once answered), unresolved or withdrawn.',
    status: 200,
    problems: { ...BY_COMMISSION, 409: ['FOLLOW_UP.CLOSED', 'FOLLOW_UP.NOT_ANSWERED'] },
  })
  close(@Param() params: FollowUpParams, @Body() dto: CloseFollowUpDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CloseFollowUpCommand({ noticeId: params.id, ...dto }, context));
  }

  @Get('follow-ups/:id')
  @ApiRead({
    summary: 'A follow-up notice with its comments, answers and closing',
    description: 'ETag carries the version.',
    type: FollowUpView,
    problems: { 404: ['FOLLOW_UP.NOT_FOUND'] },
  })
  get(@Param() params: FollowUpParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetFollowUp({ noticeId: params.id }, principal));
  }

  @Get('units/:unit/follow-ups')
  @ApiRead({ summary: 'The follow-up notices a unit received in a year', description: 'Ordered by deadline.', type: UnitFollowUpsView })
  list(@Param() params: UnitParams, @Query() query: YearQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListUnitFollowUps({ unitCode: params.unit, year: query.year }, principal));
  }
}
