import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { dualReportDecider, type DualReportState } from './dual-report.decider';
import type { DualReportEvent } from './dual-report.events';

const submitted =
  <T>(pick: (state: Extract<DualReportState, { status: 'submitted' }>) => T) =>
  (state: DualReportState) =>
    state.status === 'submitted' ? pick(state) : null;

/** Every dual report's folded state, by unit, year and kind. */
export const DUAL_REPORTS_READ_MODEL: StreamStateReadModel<DualReportState, DualReportEvent> = {
  name: 'dual_reports',
  version: 1,
  table: 'resp_dual_reports',
  handles: ['DualReportSubmitted', 'DualReportResubmitted', 'DualReportAcknowledged', 'DualReportFullyAcknowledged'],
  initialState: dualReportDecider.initialState,
  evolve: dualReportDecider.evolve,
  columns: {
    unit_code: { type: 'text', of: submitted((state) => state.unitCode) },
    year: { type: 'integer', of: submitted((state) => state.year) },
    kind: { type: 'text', of: submitted((state) => state.kind) },
    submission_no: { type: 'integer', of: submitted((state) => state.current.submissionNo) },
    submitted_on: { type: 'date', of: submitted((state) => state.current.submittedOn) },
    fully_acknowledged: {
      type: 'boolean',
      of: submitted((state) => state.current.recipients.every((r) => state.current.acknowledgedBy.includes(r.unitCode))),
    },
  },
};

export const DUAL_REPORTS_PROJECTION = streamStateProjection(DUAL_REPORTS_READ_MODEL);

export const DUAL_REPORTS_TABLE_SQL = streamStateTableSql(DUAL_REPORTS_READ_MODEL as never);
