import type { ServiceFeature } from '@app/kit';
import { dualReportDecider } from './dual-report.decider';
import { DualReportAggregate } from './dual-report.aggregate';
import {
  AcknowledgeDualReportHandler,
  OpenDualReportObligationsHandler,
  ResubmitDualReportHandler,
  SubmitDualReportHandler,
} from './dual-report.command-handlers';
import { DualReportFacts } from './dual-report-facts';
import { GetDualReportHandler } from './dual-report.query-handlers';
import { DualReportsController } from './dual-reports.controller';
import { DualReports1764900000500 } from './dual-reports.migration';
import { DUAL_REPORTS_PROJECTION } from './dual-reports.read-model';

/** §8 dual reports: submission with registry recipients, acknowledgements, the yearly obligations. Needs OBLIGATIONS_FEATURE. */
export const DUAL_REPORTS_FEATURE: ServiceFeature = {
  controllers: [DualReportsController],
  providers: [
    DualReportAggregate,
    DualReportFacts,
    SubmitDualReportHandler,
    ResubmitDualReportHandler,
    AcknowledgeDualReportHandler,
    OpenDualReportObligationsHandler,
    GetDualReportHandler,
  ],
  projections: [DUAL_REPORTS_PROJECTION],
  migrations: [DualReports1764900000500],
  streamFolders: { 'dual-report-': dualReportDecider },
};
