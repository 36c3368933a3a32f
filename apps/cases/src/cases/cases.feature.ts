import type { ServiceFeature } from '@app/kit';
import { CaseAggregate, PreliminaryCheckAggregate } from './case.aggregate';
import {
  ConcludeCaseHandler,
  ConcludePreliminaryCheckHandler,
  OpenCaseHandler,
  OpenPreliminaryCheckHandler,
} from './case.command-handlers';
import { caseDecider } from './case.decider';
import { GetCaseHandler, GetCaseTimelineHandler, GetPreliminaryCheckHandler } from './case.query-handlers';
import { CASES_PROJECTION, Cases1765000000310, PRELIMINARY_CHECKS_PROJECTION } from './case.read-model';
import { CaseReads } from './case.reads';
import { CaseOpenings } from './case-openings.reactor';
import { CasesController, PreliminaryChecksController } from './cases.controller';
import { HandlingFacts } from './handling-facts';
import { preliminaryCheckDecider } from './preliminary-check.decider';

/** Preliminary checks (初步核实) and cases (立案 → 审结 with findings); `HandlingFacts` serves the inquiries too. */
export const CASES_FEATURE: ServiceFeature = {
  controllers: [PreliminaryChecksController, CasesController],
  providers: [
    HandlingFacts,
    CaseReads,
    PreliminaryCheckAggregate,
    CaseAggregate,
    OpenPreliminaryCheckHandler,
    ConcludePreliminaryCheckHandler,
    OpenCaseHandler,
    ConcludeCaseHandler,
    GetPreliminaryCheckHandler,
    GetCaseHandler,
    GetCaseTimelineHandler,
    CaseOpenings,
  ],
  projections: [PRELIMINARY_CHECKS_PROJECTION, CASES_PROJECTION],
  migrations: [Cases1765000000310],
  streamFolders: { 'preliminary-check-': preliminaryCheckDecider, 'case-': caseDecider },
};
