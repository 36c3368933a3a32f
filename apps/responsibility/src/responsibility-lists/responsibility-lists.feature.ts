import { streamStateProjection, type ServiceFeature } from '@app/kit';
import {
  AmendResponsibilityListItemHandler,
  GenerateResponsibilityListHandler,
  GetResponsibilityListHandler,
  ResponsibilityListAggregate,
} from './responsibility-list.handlers';
import { ResponsibilityListItems1764900000800, ResponsibilityLists1764900000700 } from './responsibility-list.migration';
import { LISTS_READ_MODEL } from './responsibility-list.read-model';
import { responsibilityListDecider } from './responsibility-list.decider';
import { ResponsibilityListsController } from './responsibility-lists.controller';
import { ListSignOffController } from './list-sign-off.controller';
import { ListSignOffTracker, SubmitListForSignOffHandler } from './list-sign-off.handlers';

/** Yearly responsibility lists (责任清单) from the seed's duties. */
export const RESPONSIBILITY_LISTS_FEATURE: ServiceFeature = {
  controllers: [ResponsibilityListsController, ListSignOffController],
  providers: [
    SubmitListForSignOffHandler,
    ListSignOffTracker,
    ResponsibilityListAggregate,
    GenerateResponsibilityListHandler,
    AmendResponsibilityListItemHandler,
    GetResponsibilityListHandler,
  ],
  projections: [streamStateProjection(LISTS_READ_MODEL)],
  migrations: [ResponsibilityLists1764900000700, ResponsibilityListItems1764900000800],
  streamFolders: { 'responsibility-list-': responsibilityListDecider },
};
