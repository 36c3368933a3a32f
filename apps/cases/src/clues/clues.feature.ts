import type { ServiceFeature } from '@app/kit';
import { ClueAggregate } from './clue.aggregate';
import {
  ApproveClueDisposalHandler,
  MarkClueOverdueHandler,
  ProposeClueDisposalHandler,
  RegisterClueHandler,
  ReviewClueHandler,
} from './clue.command-handlers';
import { clueDecider } from './clue.decider';
import { ClueFacts } from './clue-facts';
import { ClueJobs } from './clue-jobs';
import { GetClueHandler, ListCluesHandler } from './clue.query-handlers';
import { CLUES_PROJECTION, Clues1765000000200 } from './clue.read-model';
import { ClueReads } from './clue.reads';
import { CluesController } from './clues.controller';

/** Clues (问题线索): register, collective review, proposed disposal, approval by post, the disposal deadline. */
export const CLUES_FEATURE: ServiceFeature = {
  controllers: [CluesController],
  providers: [
    ClueAggregate,
    ClueFacts,
    ClueReads,
    RegisterClueHandler,
    ReviewClueHandler,
    ProposeClueDisposalHandler,
    ApproveClueDisposalHandler,
    MarkClueOverdueHandler,
    GetClueHandler,
    ListCluesHandler,
    ClueJobs,
  ],
  projections: [CLUES_PROJECTION],
  migrations: [Clues1765000000200],
  streamFolders: { 'clue-': clueDecider },
};
