import type { ServiceFeature } from '@app/kit';
import { FollowUpAggregate } from './follow-up.aggregate';
import {
  AnswerFollowUpHandler,
  CloseFollowUpHandler,
  CommentOnFollowUpHandler,
  FollowUpFacts,
  IssueFollowUpNoticeHandler,
} from './follow-up.command-handlers';
import { followUpDecider } from './follow-up.decider';
import { GetFollowUpHandler, ListUnitFollowUpsHandler } from './follow-up.query-handlers';
import { FOLLOW_UPS_PROJECTION, FollowUps1764900000300 } from './follow-up.read-model';
import { FollowUpReads } from './follow-up.reads';
import { FollowUpsController } from './follow-ups.controller';

/** Follow-up notices (督办): the paired commission comments on a unit's record, the unit answers, the commission closes. */
export const FOLLOW_UPS_FEATURE: ServiceFeature = {
  controllers: [FollowUpsController],
  providers: [
    FollowUpAggregate,
    FollowUpReads,
    FollowUpFacts,
    IssueFollowUpNoticeHandler,
    CommentOnFollowUpHandler,
    AnswerFollowUpHandler,
    CloseFollowUpHandler,
    GetFollowUpHandler,
    ListUnitFollowUpsHandler,
  ],
  projections: [FOLLOW_UPS_PROJECTION],
  migrations: [FollowUps1764900000300],
  streamFolders: { 'follow-up-': followUpDecider },
};
