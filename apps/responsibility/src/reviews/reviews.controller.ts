import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { ConcludeReviewCommand, EscalateReviewCommand, RecordReviewFindingCommand } from './review.command-handlers';
import { ReviewConclusionDto, ReviewEscalationDto, ReviewFindingDto, ReviewListQuery, ReviewParams } from './review.dto';
import { GetReview, GetReviewEvidence, ListReviews } from './review.query-handlers';
import { ReviewEscalatedResponse, ReviewEvidenceView, ReviewFindingResponse, ReviewListView, ReviewView } from './review.responses';

const BY_REVIEWER = { 403: ['REVIEW.NOT_REVIEWER'], 404: ['REVIEW.NOT_FOUND'] };

/**
 * One case, two investigations (一案双究) over HTTP. Reviews are opened by concluded cases (the
 * inbox), not here; reviewers record findings, escalate and conclude; each route is a command or
 * query on the bus.
 */
@ApiTags('reviews')
@Controller('reviews')
export class ReviewsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/findings')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record whether one responsibility was carried out by one holder of the period',
    description:
      'A reviewing commission records, for the main responsibility (committee, principal leader) or the supervisory one ' +
      '(commission, secretary), whether it was carried out, citing the unit’s own records. A later finding on the same subject supersedes.',
    status: 200,
    type: ReviewFindingResponse,
    problems: {
      ...BY_REVIEWER,
      409: ['REVIEW.ALREADY_CONCLUDED', 'REVIEW.DUPLICATE_FINDING'],
      422: [
        'REVIEW.NOT_A_HOLDER',
        'REVIEW.SUBJECT_MISMATCH',
        'REVIEW.INVALID_RESPONSIBILITY',
        'REVIEW.INVALID_EVIDENCE',
        'REVIEW.EVIDENCE_NOT_OF_UNIT',
        'TEXT.REQUIRED',
        'TEXT.NATIONAL_ID',
      ],
    },
  })
  recordFinding(@Param() params: ReviewParams, @Body() dto: ReviewFindingDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RecordReviewFindingCommand({ reviewId: params.id, ...dto }, context));
  }

  @Post(':id/escalation')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Trace a failure one level up (责任倒查)',
    description:
      'With a responsibility found not carried out, opens the review of the next Party committee up (as the registry’s ' +
      'responsibility chain had it during the period) for the same case and period.',
    status: 200,
    type: ReviewEscalatedResponse,
    problems: {
      ...BY_REVIEWER,
      409: [
        'REVIEW.ALREADY_CONCLUDED',
        'REVIEW.ALREADY_ESCALATED',
        'REVIEW.NO_FAILURE_FOUND',
        'REVIEW.NO_HIGHER_LEVEL',
        'REGISTRY.NOT_CAUGHT_UP',
      ],
      422: ['TEXT.REQUIRED', 'TEXT.NATIONAL_ID'],
    },
  })
  escalate(@Param() params: ReviewParams, @Body() dto: ReviewEscalationDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new EscalateReviewCommand({ reviewId: params.id, ...dto }, context));
  }

  @Post(':id/conclusion')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Conclude the review',
    description:
      'Once every holder of both responsibilities has a finding. Publishes responsibility.ResponsibilityReviewConcluded@1 ' +
      'with the responsibilities not carried out, for case handling to decide accountability on.',
    status: 200,
    problems: { ...BY_REVIEWER, 409: ['REVIEW.ALREADY_CONCLUDED', 'REVIEW.FINDINGS_MISSING'], 422: ['TEXT.REQUIRED', 'TEXT.NATIONAL_ID'] },
  })
  conclude(@Param() params: ReviewParams, @Body() dto: ReviewConclusionDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ConcludeReviewCommand({ reviewId: params.id, ...dto }, context));
  }

  @Get()
  @ApiRead({
    summary: 'A unit’s reviews, optionally of one status',
    description: 'The latest period first; only the reviews the caller may read.',
    type: ReviewListView,
  })
  list(@Query() query: ReviewListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListReviews({ unitCode: query.unit, ...(query.status ? { status: query.status } : {}) }, principal));
  }

  @Get(':id')
  @ApiRead({
    summary: 'A review with the holders of the period, its findings, escalation and conclusion',
    description: 'ETag carries the version.',
    type: ReviewView,
    problems: { 403: ['AUTH.FORBIDDEN'], 404: ['REVIEW.NOT_FOUND'] },
  })
  get(@Param() params: ReviewParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetReview({ reviewId: params.id }, principal));
  }

  @Get(':id/evidence')
  @ApiRead({
    summary: 'The records a review’s findings can cite',
    description:
      'This service’s records of the reviewed committees and commissions for the period’s years: responsibility lists, ' +
      'the ten things’ ledgers, documents and sign-offs, dual reports, obligations (talks, reports, filings) and follow-up notices.',
    type: ReviewEvidenceView,
    problems: { 403: ['AUTH.FORBIDDEN'], 404: ['REVIEW.NOT_FOUND'] },
  })
  evidence(@Param() params: ReviewParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetReviewEvidence({ reviewId: params.id }, principal));
  }
}
