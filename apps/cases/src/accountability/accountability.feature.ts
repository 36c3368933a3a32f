import type { ServiceFeature } from '@app/kit';
import { AccountabilityAggregates, REVIEW_MATTERS_DECIDER } from './accountability.aggregate';
import {
  CloseCaseAccountabilityHandler,
  CompleteFormalitiesHandler,
  DecideAccountabilityHandler,
  GetDecisionHandler,
  GetMatterHandler,
  ImposeSanctionHandler,
  ListDecisionsHandler,
  ListMattersHandler,
  ListSanctionsHandler,
  LodgeAppealHandler,
  MarkFormalitiesOverdueHandler,
  OpenMattersFromReviewHandler,
} from './accountability.command-handlers';
import { AccountabilityDecisionsController, SanctionsController } from './accountability.controller';
import { accountabilityDecider } from './accountability.decider';
import { AccountabilityJobs } from './accountability-jobs';
import { AccountabilityMattersController } from './accountability-matters.controller';
import { Accountability1765000000300, CASE_FILES_PROJECTION, DECISIONS_PROJECTION, MATTERS_PROJECTION } from './accountability.read-model';
import { AccountabilityReads } from './accountability.reads';
import { caseAccountabilityDecider } from './accountability-review.decider';

/**
 * Accountability (问责) and sanctions: decisions on cases and on one-case-two-investigations
 * matters opened from responsibility tracking's reviews, sanctions with impact periods, the four
 * forms, formalities and appeal windows.
 */
export const ACCOUNTABILITY_FEATURE: ServiceFeature = {
  controllers: [AccountabilityDecisionsController, SanctionsController, AccountabilityMattersController],
  providers: [
    AccountabilityAggregates,
    AccountabilityReads,
    DecideAccountabilityHandler,
    ImposeSanctionHandler,
    CompleteFormalitiesHandler,
    LodgeAppealHandler,
    MarkFormalitiesOverdueHandler,
    CloseCaseAccountabilityHandler,
    OpenMattersFromReviewHandler,
    GetDecisionHandler,
    ListDecisionsHandler,
    ListMattersHandler,
    GetMatterHandler,
    ListSanctionsHandler,
    AccountabilityJobs,
  ],
  projections: [CASE_FILES_PROJECTION, MATTERS_PROJECTION, DECISIONS_PROJECTION],
  migrations: [Accountability1765000000300],
  streamFolders: {
    'accountability-decision-': accountabilityDecider,
    'accountability-review-': REVIEW_MATTERS_DECIDER,
    'case-accountability-': caseAccountabilityDecider,
  },
};
