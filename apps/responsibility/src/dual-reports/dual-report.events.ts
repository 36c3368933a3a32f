import type { DomainEvent } from '@app/domain';
import type { DualReportKind, RecipientRole } from './dual-report-kinds';

/**
 * Events of one dual report (stream `dual-report-<unitCode>-<year>-<kind>`), `year` being the year
 * reported on. Days are YYYY-MM-DD in China Standard Time.
 */

export interface Recipient {
  readonly role: RecipientRole;
  readonly unitCode: string;
  /** The unit's name on the submission day, as the registry had it. */
  readonly name: string;
}

interface ReportKey {
  readonly unitCode: string;
  readonly year: number;
  readonly kind: DualReportKind;
}

interface SubmissionData extends ReportKey {
  /** 1 for the first submission, counting up with each resubmission. */
  readonly submissionNo: number;
  readonly documentId: string;
  readonly documentVersion: number;
  readonly contentHash: string;
  readonly recipients: readonly Recipient[];
  readonly submittedOn: string;
  readonly submittedBy: string;
}

export type DualReportSubmitted = DomainEvent<'DualReportSubmitted', SubmissionData>;

/** Replaces the earlier submission: recipients acknowledge this one afresh. */
export type DualReportResubmitted = DomainEvent<'DualReportResubmitted', SubmissionData & { readonly reason: string }>;

export type DualReportAcknowledged = DomainEvent<
  'DualReportAcknowledged',
  ReportKey & {
    readonly submissionNo: number;
    readonly recipientUnitCode: string;
    readonly acknowledgedBy: string;
    readonly acknowledgedOn: string;
    readonly note?: string;
  }
>;

/** Every recipient of the submission has acknowledged it. */
export type DualReportFullyAcknowledged = DomainEvent<
  'DualReportFullyAcknowledged',
  ReportKey & { readonly submissionNo: number; readonly acknowledgedOn: string }
>;

export type DualReportEvent = DualReportSubmitted | DualReportResubmitted | DualReportAcknowledged | DualReportFullyAcknowledged;

export type DualReportEventType = DualReportEvent['type'];
