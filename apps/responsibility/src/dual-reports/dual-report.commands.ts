import type { Command } from '@app/domain';

/**
 * Commands of one dual report (stream `dual-report-<unitCode>-<year>-<kind>`). The handler resolves
 * the facts from the document stream and the registry as of the day of the command (CST day of
 * `metadata.now`); the submitter is `metadata.actor.personId`.
 */

/** The signed document a submission refers to, as its stream has it. */
export interface ReportedDocumentFact {
  readonly kind: string;
  readonly unitCode: string;
  readonly year: number;
  /** The content hash of the referenced version. */
  readonly contentHash: string;
  /** Whether every required role signed the referenced version (DocumentFullySigned for it). */
  readonly fullySigned: boolean;
}

export interface RecipientFact {
  readonly role: string;
  readonly unitCode: string;
  readonly name: string;
}

export interface SubmissionFacts {
  /** Null when the document does not exist or has no such version. */
  readonly document: ReportedDocumentFact | null;
  /**
   * The recipients the registry gives on the submission day: for `main` the next Party committee up
   * and its commission; for `supervisory` the Party committee the commission is paired with and the
   * commission of the next committee up. A recipient the registry cannot name is left out.
   */
  readonly recipients: readonly RecipientFact[];
}

interface SubmissionData {
  readonly unitCode: string;
  /** The year reported on (the year before the submission). */
  readonly year: number;
  readonly kind: string;
  readonly documentId: string;
  readonly documentVersion: number;
  readonly facts: SubmissionFacts;
}

export type SubmitDualReport = Command<'SubmitDualReport', SubmissionData>;

/** An explicit replacement of the submitted report by another signed document version, with a reason. */
export type ResubmitDualReport = Command<'ResubmitDualReport', SubmissionData & { readonly reason: string }>;

export type AcknowledgeDualReport = Command<
  'AcknowledgeDualReport',
  {
    readonly unitCode: string;
    readonly year: number;
    readonly kind: string;
    /** The submission the recipient read; an acknowledgement of a replaced one is refused. */
    readonly submissionNo: number;
    readonly recipientUnitCode: string;
    readonly note?: string;
    readonly facts: {
      /** Units in which the actor held any post on the day, from the registry. */
      readonly actorUnitCodes: readonly string[];
    };
  }
>;

export type DualReportCommand = SubmitDualReport | ResubmitDualReport | AcknowledgeDualReport;

export type DualReportCommandType = DualReportCommand['type'];

export const dualReportStreamId = (unitCode: string, year: number, kind: string): string => `dual-report-${unitCode}-${year}-${kind}`;
