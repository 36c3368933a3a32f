import type { ServiceFeature } from '@app/kit';
import { CaseConclusionsConsumer } from './case-conclusions.consumer';
import { ReviewAggregate } from './review.aggregate';
import {
  ConcludeReviewHandler,
  EscalateReviewHandler,
  OpenReviewHandler,
  RecordReviewFindingHandler,
  ReviewFacts,
} from './review.command-handlers';
import { reviewDecider } from './review.decider';
import { ReviewEvidenceReads } from './review.evidence';
import { GetReviewEvidenceHandler, GetReviewHandler, ListReviewsHandler, ReviewReadRules } from './review.query-handlers';
import { REVIEWS_PROJECTION, Reviews1764900001470 } from './review.read-model';
import { ReviewReads } from './review.reads';
import { ReviewsController } from './reviews.controller';

/**
 * One case, two investigations (一案双究, seed §14): a concluded case opens reviews of the unit's
 * main and supervisory responsibility for the period; reviewers record findings, trace failures one
 * level up and conclude, which case handling hears as responsibility.ResponsibilityReviewConcluded.
 */
export const REVIEWS_FEATURE: ServiceFeature = {
  controllers: [ReviewsController, CaseConclusionsConsumer],
  providers: [
    ReviewAggregate,
    ReviewReads,
    ReviewEvidenceReads,
    ReviewFacts,
    ReviewReadRules,
    OpenReviewHandler,
    RecordReviewFindingHandler,
    EscalateReviewHandler,
    ConcludeReviewHandler,
    GetReviewHandler,
    GetReviewEvidenceHandler,
    ListReviewsHandler,
  ],
  projections: [REVIEWS_PROJECTION],
  migrations: [Reviews1764900001470],
  streamFolders: { 'review-': reviewDecider },
};
