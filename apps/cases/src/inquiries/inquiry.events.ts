import type { DomainEvent } from '@app/domain';
import type { SignOffAlgorithm, SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import type { Subject } from '../cases/handling-actor';

/**
 * Events of a letter inquiry (谈话函询, stream `inquiry-<inquiryId>`), one per subject of a clue
 * disposed of by inquiry. Days are `YYYY-MM-DD` (CST).
 */

export type InquiryOpened = DomainEvent<
  'InquiryOpened',
  {
    readonly inquiryId: string;
    readonly commission: string;
    readonly clueId: string;
    readonly respondent: Subject;
    readonly openedOn: string;
  }
>;

/** The inquiry letter (函询函) was sent; the reply is due by `replyDueOn` (rule `letter_inquiry.reply`). */
export type InquiryLetterSent = DomainEvent<
  'InquiryLetterSent',
  { readonly inquiryId: string; readonly commission: string; readonly sentOn: string; readonly replyDueOn: string; readonly by: string }
>;

/** The reply's content as recorded: a title and the written explanation (说明). */
export interface ReplyContent {
  readonly title: string;
  readonly body: string;
}

/** The role a reply's endorsement is signed in (the `role=` line of the sign-off statement). */
export const REPLY_SIGN_OFF_ROLE = 'inquiry_reply_endorsement';

/**
 * A version of the written reply, endorsed (签字背书) by the principal leader of the Party
 * committee responsible for the respondent's unit on the signing day: the signature is over the
 * `signoff/v1` statement of (inquiry, version, content hash, role, signer, opinion).
 */
export type InquiryReplyReceived = DomainEvent<
  'InquiryReplyReceived',
  {
    readonly inquiryId: string;
    readonly commission: string;
    readonly version: number;
    readonly content: ReplyContent;
    readonly contentHash: string;
    readonly receivedOn: string;
    /** After the due day. */
    readonly late: boolean;
    readonly signerStaffNumber: string;
    /** The committee whose principal leader the signer was on the signing day. */
    readonly signerCommitteeCode: string;
    readonly opinion: string;
    readonly algorithm: SignOffAlgorithm;
    readonly keyFingerprint: string;
    readonly signature: string;
    readonly statementFormat: typeof SIGN_OFF_STATEMENT_FORMAT;
    readonly signedOn: string;
  }
>;

/** The reply was not in by its due day: recorded once, by the deadline job. */
export type InquiryReplyOverdue = DomainEvent<
  'InquiryReplyOverdue',
  { readonly inquiryId: string; readonly commission: string; readonly dueOn: string; readonly markedOn: string }
>;

/**
 * close (予以了结), reminder (提醒谈话), education (批评教育), admonishment (诫勉) or escalate
 * (转初步核实: a preliminary check is opened for the respondent).
 */
export const INQUIRY_OUTCOMES = ['close', 'reminder', 'education', 'admonishment', 'escalate'] as const;
export type InquiryOutcome = (typeof INQUIRY_OUTCOMES)[number];

export type InquiryConcluded = DomainEvent<
  'InquiryConcluded',
  {
    readonly inquiryId: string;
    readonly commission: string;
    readonly clueId: string;
    readonly respondent: Subject;
    readonly outcome: InquiryOutcome;
    readonly reason: string;
    readonly concludedOn: string;
    readonly by: string;
  }
>;

export type InquiryEvent = InquiryOpened | InquiryLetterSent | InquiryReplyReceived | InquiryReplyOverdue | InquiryConcluded;
