import type { Command } from '@app/domain';
import type { DeadlineRule } from '@app/deadlines';
import type { DualReportRecipient, DualReportRecipientRole } from './dual-report.events';

/** Commands of a dual report (stream `dual-report-<id>`); the handler resolves recipients and the rule as of the day. */

export type OpenDualReport = Command<
  'OpenDualReport',
  {
    readonly reportId: string;
    readonly matter: string;
    readonly matterId: string;
    readonly commission: string;
    readonly decidedOn: string;
    readonly trigger: { readonly type: string; readonly eventId: string };
    /** From the registry view as of `decidedOn`. */
    readonly recipients: readonly DualReportRecipient[];
    readonly unresolved: readonly DualReportRecipientRole[];
    /** `dual_report.acknowledgement` in force for the commission on `decidedOn`. */
    readonly acknowledgementRule: DeadlineRule;
  }
>;

export interface DualReportActor {
  readonly staffNumber: string;
  /** The units the caller acts for (from the token). */
  readonly units: readonly string[];
}

export type AcknowledgeDualReport = Command<
  'AcknowledgeDualReport',
  { readonly reportId: string; readonly recipient: string; readonly actor: DualReportActor }
>;

/** The deadline job's: records each missing acknowledgement overdue, once. */
export type MarkDualReportOverdue = Command<'MarkDualReportOverdue', { readonly reportId: string }>;

export type DualReportCommand = OpenDualReport | AcknowledgeDualReport | MarkDualReportOverdue;

export const dualReportStreamId = (reportId: string): string => `dual-report-${reportId.toLowerCase()}`;
