import type { DomainEvent } from '@app/domain';

/**
 * Internal events of a dual report (双报告, seed §6(3), stream `dual-report-<id>`): a clue disposal
 * or a case reported to the same-level Party committee and the higher commission. Ids, unit codes,
 * staff numbers and days only.
 */

export const DUAL_REPORT_RECIPIENT_ROLES = ['same_level_committee', 'higher_commission'] as const;
export type DualReportRecipientRole = (typeof DUAL_REPORT_RECIPIENT_ROLES)[number];

export interface DualReportRecipient {
  readonly role: DualReportRecipientRole;
  readonly unitCode: string;
}

/** What was reported: a key of `DUAL_REPORT_TRIGGERS`' matters. */
export type DualReportMatter = string;

/** The report sent, when the matter was decided, to the recipients the registry had on that day. */
export type DualReportOpened = DomainEvent<
  'DualReportOpened',
  {
    readonly reportId: string;
    readonly matter: DualReportMatter;
    /** The clue or case reported on. */
    readonly matterId: string;
    /** The commission that decided it (the reporting commission). */
    readonly commission: string;
    /** The day of the decision; the recipients are as of this day. */
    readonly decidedOn: string;
    /** The event that triggered the report. */
    readonly trigger: { readonly type: string; readonly eventId: string };
    readonly recipients: readonly DualReportRecipient[];
    /** Roles the registry had nobody for on that day (no pairing, no higher commission). */
    readonly unresolved: readonly DualReportRecipientRole[];
    readonly reportedOn: string;
    /** Each recipient acknowledges by this day (rule `dual_report.acknowledgement`, an invented parameter). */
    readonly acknowledgementDueOn: string;
  }
>;

/** A recipient acknowledged the report (签收), by a person acting for it; `late` after the due day. */
export type DualReportAcknowledged = DomainEvent<
  'DualReportAcknowledged',
  {
    readonly reportId: string;
    readonly commission: string;
    readonly recipient: string;
    readonly role: DualReportRecipientRole;
    readonly acknowledgedOn: string;
    readonly by: string;
    readonly late: boolean;
  }
>;

/** A recipient's acknowledgement day passed without it: recorded once per recipient, by the deadline job. */
export type DualReportAcknowledgementOverdue = DomainEvent<
  'DualReportAcknowledgementOverdue',
  {
    readonly reportId: string;
    readonly commission: string;
    readonly recipient: string;
    readonly role: DualReportRecipientRole;
    readonly dueOn: string;
    readonly markedOn: string;
  }
>;

export type DualReportEvent = DualReportOpened | DualReportAcknowledged | DualReportAcknowledgementOverdue;
