import type { DomainEvent } from '@app/domain';
import { canonicalContentHash, type SignOffAlgorithm, type SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import type { ReturnFigures } from './return-figures';

/**
 * Internal events of a commission's quarterly accountability return (责任追究季报表, seed §15;
 * stream `accountability-return-<commission>-<year>-q<n>`).
 */

/** The role a return's sign-off is signed in (the `role=` line of the sign-off statement). */
export const RETURN_SIGN_OFF_ROLE = 'accountability_return_signoff';

/** The content a return's sign-off signs: SM3 of the RFC 8785 canonical JSON of the figures. */
export const returnContentHash = (figures: ReturnFigures): string => canonicalContentHash(figures);

/**
 * The commission's secretary signed the figures off (签发) with their own digital signature over the
 * `signoff/v1` statement of (return stream id, sign-off number, content hash of the figures, role,
 * signer, opinion). Sign-offs recorded before signatures were required lack the signature fields.
 */
export type ReturnSignedOff = DomainEvent<
  'AccountabilityReturnSignedOff',
  {
    readonly commission: string;
    readonly quarter: string;
    readonly figures: ReturnFigures;
    readonly signedBy: string;
    readonly signedOn: string;
    /** The sign-off's number (the statement's `version=`). */
    readonly version?: number;
    readonly contentHash?: string;
    readonly opinion?: string;
    readonly algorithm?: SignOffAlgorithm;
    readonly keyFingerprint?: string;
    readonly signature?: string;
    readonly statementFormat?: typeof SIGN_OFF_STATEMENT_FORMAT;
  }
>;

/** Submitted to the higher commission; `late` after the due day (rule `accountability_return.submission`). */
export type ReturnSubmitted = DomainEvent<
  'AccountabilityReturnSubmitted',
  {
    readonly commission: string;
    readonly quarter: string;
    readonly to: string;
    readonly submittedOn: string;
    readonly dueOn: string;
    readonly late: boolean;
    readonly by: string;
  }
>;

/** Not submitted by the due day: recorded once, by the scheduler. */
export type ReturnOverdue = DomainEvent<
  'AccountabilityReturnOverdue',
  { readonly commission: string; readonly quarter: string; readonly dueOn: string; readonly markedOn: string }
>;

export type ReturnEvent = ReturnSignedOff | ReturnSubmitted | ReturnOverdue;
