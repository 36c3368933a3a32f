import type { ServiceFeature } from '@app/kit';
import { PetitionAggregate } from './petition.aggregate';
import {
  AssignPetitionOfficersHandler,
  ConcludePetitionHandler,
  MarkPetitionDeadlinesMissedHandler,
  NotifyReporterHandler,
  PetitionSeals,
  ReadProtectedFieldsHandler,
  RegisterPetitionHandler,
  ScreenPetitionHandler,
} from './petition.command-handlers';
import { petitionDecider } from './petition.decider';
import { PetitionFacts } from './petition-facts';
import { GetPetitionHandler, ListPetitionsHandler } from './petition.query-handlers';
import { PetitionCountsAggregate, petitionCountsDecider } from './petition-counts';
import { PetitionCounts, PetitionDeadlines } from './petition-jobs';
import { PETITIONS_PROJECTION, Petitions1765000000100 } from './petition.read-model';
import { PetitionReads } from './petition.reads';
import { PetitionsController } from './petitions.controller';

/**
 * Petitions and reports (信访举报) with whistleblower protection. The service module provides the
 * `PetitionKeyring` from its configuration.
 */
export const PETITIONS_FEATURE: ServiceFeature = {
  controllers: [PetitionsController],
  providers: [
    PetitionAggregate,
    PetitionReads,
    PetitionFacts,
    PetitionSeals,
    RegisterPetitionHandler,
    AssignPetitionOfficersHandler,
    ScreenPetitionHandler,
    ReadProtectedFieldsHandler,
    NotifyReporterHandler,
    ConcludePetitionHandler,
    MarkPetitionDeadlinesMissedHandler,
    GetPetitionHandler,
    ListPetitionsHandler,
    PetitionCountsAggregate,
    PetitionDeadlines,
    PetitionCounts,
  ],
  projections: [PETITIONS_PROJECTION],
  migrations: [Petitions1765000000100],
  streamFolders: { 'petition-': petitionDecider, 'petition-counts-': petitionCountsDecider },
};
