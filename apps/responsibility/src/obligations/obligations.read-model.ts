import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { obligationDecider, type ObligationState } from './obligation.decider';
import type { ObligationEvent } from './obligation.events';

const opened =
  <T>(pick: (state: Exclude<ObligationState, { status: 'absent' }>) => T) =>
  (state: ObligationState) =>
    state.status === 'absent' ? null : pick(state);

/** Every obligation's folded state, with the columns the list, the colour and the scheduler filter on. */
export const OBLIGATIONS_READ_MODEL: StreamStateReadModel<ObligationState, ObligationEvent> = {
  name: 'obligations',
  version: 1,
  table: 'resp_obligations',
  handles: ['ObligationOpened', 'ObligationDueSoonWarned', 'ObligationMarkedOverdue', 'ObligationFulfilled'],
  initialState: obligationDecider.initialState,
  evolve: obligationDecider.evolve,
  columns: {
    unit_code: { type: 'text', of: opened((state) => state.unitCode) },
    subject: { type: 'text', of: opened((state) => state.subject) },
    rule_name: { type: 'text', of: opened((state) => state.ruleName) },
    due_on: { type: 'date', of: opened((state) => state.dueOn) },
    warn_from: { type: 'date', of: opened((state) => state.warnFrom) },
    status: { type: 'text', of: (state) => state.status },
    fulfilled_on: { type: 'date', of: opened((state) => (state.status === 'fulfilled' ? state.fulfilledOn : null)) },
    warned_on: { type: 'date', of: opened((state) => state.warnedOn ?? null) },
    marked_overdue_on: { type: 'date', of: opened((state) => state.markedOverdueOn ?? null) },
  },
};

export const OBLIGATIONS_PROJECTION = streamStateProjection(OBLIGATIONS_READ_MODEL);

export const OBLIGATIONS_TABLE_SQL = streamStateTableSql(OBLIGATIONS_READ_MODEL as never);
