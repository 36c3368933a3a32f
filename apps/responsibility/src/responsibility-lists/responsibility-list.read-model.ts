import type { StreamStateReadModel } from '@app/kit';
import { responsibilityListDecider, type ResponsibilityListState } from './responsibility-list.decider';
import type { ResponsibilityListEvent } from './responsibility-list.events';

/**
 * Each unit's list for a year, folded: its items, revision and status; and a line per item
 * (`resp_list_items`) with its deadline, for counts over many units' items in SQL. Version 2 added
 * the lines.
 */
export const LISTS_READ_MODEL: StreamStateReadModel<ResponsibilityListState, ResponsibilityListEvent> = {
  name: 'responsibility-lists',
  version: 2,
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
  lines: {
    table: 'resp_list_items',
    columns: { unit_code: 'text', year: 'integer', item_key: 'text', deadline: 'date' },
    of: (state) =>
      state.status === 'absent'
        ? []
        : state.items.map((item) => ({ unit_code: state.unitCode, year: state.year, item_key: item.key, deadline: item.deadline })),
  },
};
