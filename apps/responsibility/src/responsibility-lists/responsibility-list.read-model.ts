import type { StreamStateReadModel } from '@app/kit';
import { responsibilityListDecider, type ResponsibilityListState } from './responsibility-list.decider';
import type { ResponsibilityListEvent } from './responsibility-list.events';

/** Each unit's list for a year, folded: its items, revision and status. */
export const LISTS_READ_MODEL: StreamStateReadModel<ResponsibilityListState, ResponsibilityListEvent> = {
  name: 'responsibility-lists',
  version: 1,
  table: 'resp_lists',
  handles: [
    'ResponsibilityListGenerated',
    'ResponsibilityListItemAdded',
    'ResponsibilityListItemAmended',
    'ResponsibilityListItemRemoved',
    'ResponsibilityListSubmittedForSignOff',
    'ResponsibilityListApproved',
    'ResponsibilityListReopened',
  ],
  initialState: responsibilityListDecider.initialState,
  evolve: responsibilityListDecider.evolve,
  columns: {
    unit_code: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.unitCode) },
    year: { type: 'integer', of: (state) => (state.status === 'absent' ? null : state.year) },
    status: { type: 'text', of: (state) => state.status },
  },
};
