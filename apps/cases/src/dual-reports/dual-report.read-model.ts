import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { dualReportDecider, nextAcknowledgementDeadline, type DualReportState } from './dual-report.decider';
import type { DualReportEvent } from './dual-report.events';

const of =
  <T>(pick: (report: Exclude<DualReportState, { status: 'absent' }>) => T) =>
  (state: DualReportState): T | null =>
    state.status === 'absent' ? null : pick(state);

/** Every dual report as its decider folds it, with the reporting commission and the pending acknowledgement day. */
export const DUAL_REPORTS_READ_MODEL: StreamStateReadModel<DualReportState, DualReportEvent> = {
  name: 'case_dual_reports',
  version: 1,
  table: 'case_dual_reports',
  handles: ['DualReportOpened', 'DualReportAcknowledged', 'DualReportAcknowledgementOverdue'],
  initialState: dualReportDecider.initialState,
  evolve: dualReportDecider.evolve,
  columns: {
    report_id: { type: 'text', of: of((report) => report.reportId) },
    commission: { type: 'text', of: of((report) => report.commission) },
    matter_id: { type: 'text', of: of((report) => report.matterId) },
    status: { type: 'text', of: (state) => state.status },
    reported_on: { type: 'date', of: of((report) => report.reportedOn) },
    next_deadline_on: { type: 'date', of: nextAcknowledgementDeadline },
  },
};

export const DUAL_REPORTS_PROJECTION = streamStateProjection(DUAL_REPORTS_READ_MODEL);

export class DualReports1765000000300 implements MigrationInterface {
  name = 'DualReports1765000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(DUAL_REPORTS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX case_dual_reports_report_id ON case_dual_reports (report_id)');
    await runner.query('CREATE INDEX case_dual_reports_commission ON case_dual_reports (commission, reported_on)');
    await runner.query('CREATE INDEX case_dual_reports_matter ON case_dual_reports (matter_id)');
    await runner.query(
      'CREATE INDEX case_dual_reports_next_deadline ON case_dual_reports (next_deadline_on) WHERE next_deadline_on IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE case_dual_reports');
  }
}
