import type { ServiceFeature } from '@app/kit';
import {
  GetReturnHandler,
  GetReturnSignOffHashHandler,
  MarkReturnOverdueHandler,
  ReturnAggregate,
  SignOffReturnHandler,
  SubmitReturnHandler,
} from './return.command-handlers';
import { returnDecider } from './return.decider';
import { ReturnJobs } from './return-jobs';
import { AccountabilityReturns1765000000310, RETURNS_PROJECTION } from './return.read-model';
import { ReturnReads } from './return.reads';
import { ReturnsController } from './returns.controller';

/**
 * Quarterly accountability returns (seed §15): compiled from the events, exported as the printed
 * table, signed off by the secretary, submitted to the higher commission; overdue recorded once.
 * Needs the accountability feature's read models.
 */
export const RETURNS_FEATURE: ServiceFeature = {
  controllers: [ReturnsController],
  providers: [
    ReturnAggregate,
    ReturnReads,
    SignOffReturnHandler,
    SubmitReturnHandler,
    MarkReturnOverdueHandler,
    GetReturnHandler,
    GetReturnSignOffHashHandler,
    ReturnJobs,
  ],
  projections: [RETURNS_PROJECTION],
  migrations: [AccountabilityReturns1765000000310],
  streamFolders: { 'accountability-return-': returnDecider },
};
