import type { ServiceFeature } from '@app/kit';
import { ClueDisposals } from './clue-disposals.reactor';
import { InquiriesController } from './inquiries.controller';
import { InquiryAggregate } from './inquiry.aggregate';
import {
  DecideInquiryOutcomeHandler,
  MarkInquiryReplyOverdueHandler,
  OpenInquiryHandler,
  RecordInquiryReplyHandler,
  SendInquiryLetterHandler,
} from './inquiry.command-handlers';
import { inquiryDecider } from './inquiry.decider';
import { InquiryJobs } from './inquiry-jobs';
import { GetInquiryHandler, GetReplyHashHandler } from './inquiry.query-handlers';
import { INQUIRIES_PROJECTION, Inquiries1765000000210 } from './inquiry.read-model';
import { InquiryReads } from './inquiry.reads';

/**
 * Letter inquiries (谈话函询), and the clue-disposal process that opens them and the preliminary
 * checks. Uses `HandlingFacts` and the check commands of the cases feature.
 */
export const INQUIRIES_FEATURE: ServiceFeature = {
  controllers: [InquiriesController],
  providers: [
    InquiryAggregate,
    InquiryReads,
    OpenInquiryHandler,
    SendInquiryLetterHandler,
    RecordInquiryReplyHandler,
    DecideInquiryOutcomeHandler,
    MarkInquiryReplyOverdueHandler,
    GetInquiryHandler,
    GetReplyHashHandler,
    InquiryJobs,
    ClueDisposals,
  ],
  projections: [INQUIRIES_PROJECTION],
  migrations: [Inquiries1765000000210],
  streamFolders: { 'inquiry-': inquiryDecider },
};
