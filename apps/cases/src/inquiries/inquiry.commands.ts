import type { DeadlineRule } from '@app/deadlines';
import type { Command } from '@app/domain';
import type { SigningKeyFact } from '@app/signoffs';
import type { HandlingActor, Subject } from '../cases/handling-actor';

/**
 * Commands of a letter inquiry (stream `inquiry-<inquiryId>`). `OpenInquiry` comes from the
 * clue-disposal process only; the handlers add the registry's facts as of the day and the rule in
 * force.
 */

export type OpenInquiry = Command<
  'OpenInquiry',
  {
    readonly inquiryId: string;
    readonly commission: string;
    readonly clueId: string;
    readonly respondent: Subject;
    readonly openedOn: string;
  }
>;

export type SendInquiryLetter = Command<
  'SendInquiryLetter',
  {
    readonly inquiryId: string;
    readonly sentOn: string;
    /** `letter_inquiry.reply` in force for the commission on `sentOn`. */
    readonly replyRule: DeadlineRule;
    readonly actor: HandlingActor;
  }
>;

/** What the handler found for a reply's endorsement, as of the signing day (today). */
export interface EndorsementFacts {
  /** The key the sign-off's fingerprint names, as the registry has it; null when none. */
  readonly key: SigningKeyFact | null;
  /** `verifySignOff` of the statement under that key. */
  readonly signatureValid: boolean;
  /**
   * Who must endorse: the principal leader that day of the Party committee responsible for the
   * respondent's unit (of the committee above when the respondent is that leader); null when none.
   */
  readonly endorser: { readonly staffNumber: string; readonly committeeCode: string } | null;
}

export type RecordInquiryReply = Command<
  'RecordInquiryReply',
  {
    readonly inquiryId: string;
    /** The version the reply is signed as: the next one. */
    readonly version: number;
    readonly content: unknown;
    /** `canonicalContentHash(content)`, computed by the handler. */
    readonly contentHash: string;
    readonly signerStaffNumber: string;
    readonly opinion: string;
    readonly algorithm: string;
    readonly keyFingerprint: string;
    readonly signature: string;
    readonly facts: EndorsementFacts;
    readonly actor: HandlingActor;
  }
>;

export type DecideInquiryOutcome = Command<
  'DecideInquiryOutcome',
  { readonly inquiryId: string; readonly outcome: string; readonly reason: string; readonly actor: HandlingActor }
>;

/** The deadline job's: records a reply not in by its due day, once. */
export type MarkInquiryReplyOverdue = Command<'MarkInquiryReplyOverdue', { readonly inquiryId: string }>;

export type InquiryCommand = OpenInquiry | SendInquiryLetter | RecordInquiryReply | DecideInquiryOutcome | MarkInquiryReplyOverdue;

export const inquiryStreamId = (inquiryId: string): string => `inquiry-${inquiryId.toLowerCase()}`;
