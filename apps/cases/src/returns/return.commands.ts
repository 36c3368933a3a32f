import type { DeadlineRule } from '@app/deadlines';
import type { Command } from '@app/domain';
import type { SigningKeyFact } from '@app/signoffs';
import type { ReturnFigures } from './return-figures';

/**
 * Commands of a quarterly return. The handler compiles the figures from the read models, says
 * whether the caller is the commission's secretary that day, and finds the higher commission and
 * the submission rule in force.
 */

export interface ReturnActor {
  readonly staffNumber: string;
  readonly isSecretary: boolean;
  readonly actsForCommission: boolean;
}

/** What the handler found for a sign-off's signature, as of the signing day (today). */
export interface SignOffFacts {
  /** The key the sign-off's fingerprint names, as the registry has it; null when none. */
  readonly key: SigningKeyFact | null;
  /** `verifySignOff` of the statement (with the content hash the signer sent) under that key. */
  readonly signatureValid: boolean;
}

/** The signer's part of a sign-off, as it arrives from the edge. */
export interface SignOffInput {
  /** The sign-off's number: 1, then the next one when changed figures are signed off again. */
  readonly version: number;
  /** The content hash the signer signed (GET …/sign-off-hash). */
  readonly contentHash: string;
  readonly signerStaffNumber: string;
  readonly opinion: string;
  readonly algorithm: string;
  readonly keyFingerprint: string;
  readonly signature: string;
}

export type SignOffReturn = Command<
  'SignOffReturn',
  SignOffInput & {
    readonly commission: string;
    readonly quarter: string;
    /** The figures as compiled now: what is recorded, and what the signed content hash must be of. */
    readonly figures: ReturnFigures;
    readonly facts: SignOffFacts;
    readonly actor: ReturnActor;
  }
>;

export type SubmitReturn = Command<
  'SubmitReturn',
  {
    readonly commission: string;
    readonly quarter: string;
    /** The commission above this one today, as the registry has it; null: none. */
    readonly higherCommission: string | null;
    readonly submissionRule: DeadlineRule;
    readonly actor: ReturnActor;
  }
>;

export type MarkReturnOverdue = Command<
  'MarkReturnOverdue',
  { readonly commission: string; readonly quarter: string; readonly submissionRule: DeadlineRule }
>;

export type ReturnCommand = SignOffReturn | SubmitReturn | MarkReturnOverdue;

export const returnStreamId = (commission: string, quarter: string): string =>
  `accountability-return-${commission}-${quarter.toLowerCase()}`;
