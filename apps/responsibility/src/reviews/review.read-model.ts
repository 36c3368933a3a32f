import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { reviewDecider, type ReviewState } from './review.decider';
import type { ReviewEvent } from './review.events';

type Review = Exclude<ReviewState, { status: 'absent' }>;
const of =
  <T>(pick: (review: Review) => T) =>
  (state: ReviewState): T | null =>
    state.status === 'absent' ? null : pick(state);

/** Every review as its stream folds (holders, findings, escalation, conclusion), with its case, unit, status and period. */
export const REVIEWS_READ_MODEL: StreamStateReadModel<ReviewState, ReviewEvent> = {
  name: 'resp_reviews',
  version: 1,
  table: 'resp_reviews',
  handles: [
    'ResponsibilityReviewOpened',
    'ResponsibilityReviewFindingRecorded',
    'ResponsibilityReviewEscalated',
    'ResponsibilityReviewConcluded',
  ],
  initialState: reviewDecider.initialState,
  evolve: reviewDecider.evolve,
  columns: {
    review_id: { type: 'text', of: of((review) => review.reviewId) },
    case_id: { type: 'text', of: of((review) => review.caseId) },
    unit_code: { type: 'text', of: of((review) => review.unitCode) },
    status: { type: 'text', of: (state) => state.status },
    period_from: { type: 'date', of: of((review) => review.periodFrom) },
    period_to: { type: 'date', of: of((review) => review.periodTo) },
  },
};

export const REVIEWS_PROJECTION = streamStateProjection(REVIEWS_READ_MODEL);

export class Reviews1764900001470 implements MigrationInterface {
  name = 'Reviews1764900001470';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(REVIEWS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX resp_reviews_review_id ON resp_reviews (review_id)');
    await runner.query('CREATE INDEX resp_reviews_unit_status ON resp_reviews (unit_code, status, period_from)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_reviews');
  }
}
