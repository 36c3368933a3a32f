import type { ServiceFeature } from '@app/kit';
import { DualReportAggregate } from './dual-report.aggregate';
import { AcknowledgeDualReportHandler, MarkDualReportOverdueHandler, OpenDualReportHandler } from './dual-report.command-handlers';
import { dualReportDecider } from './dual-report.decider';
import { DualReportJobs } from './dual-report-jobs';
import { GetDualReportHandler, ListDualReportsHandler } from './dual-report.query-handlers';
import { DUAL_REPORTS_PROJECTION, DualReports1765000000300 } from './dual-report.read-model';
import { DualReportReads } from './dual-report.reads';
import { DualReportReaction } from './dual-report.reaction';
import { DualReportsController } from './dual-reports.controller';

/**
 * Dual reporting (§6(3)): every trigger of `DUAL_REPORT_TRIGGERS` (a clue disposal; cases to come)
 * is reported to the same-level Party committee and the higher commission, each acknowledgement
 * recorded, missing ones overdue. Reads with the clues feature's `ClueFacts`.
 */
export const DUAL_REPORTS_FEATURE: ServiceFeature = {
  controllers: [DualReportsController],
  providers: [
    DualReportAggregate,
    DualReportReads,
    OpenDualReportHandler,
    AcknowledgeDualReportHandler,
    MarkDualReportOverdueHandler,
    GetDualReportHandler,
    ListDualReportsHandler,
    DualReportReaction,
    DualReportJobs,
  ],
  projections: [DUAL_REPORTS_PROJECTION],
  migrations: [DualReports1765000000300],
  streamFolders: { 'dual-report-': dualReportDecider },
};
