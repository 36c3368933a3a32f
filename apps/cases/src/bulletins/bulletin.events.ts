import type { DomainEvent } from '@app/domain';
import { canonicalContentHash, type SignOffAlgorithm, type SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';

/**
 * Internal events of a commission's bi-monthly typical-case bulletin (典型案件双月通报, seed §15;
 * stream `typical-case-bulletin-<commission>-<year>-b<n>`).
 */

/** One typical case as the bulletin lists it: the decision, whom it concerned, what was decided. */
export interface TypicalCase {
  readonly decisionId: string;
  readonly decidedOn: string;
  readonly unitCode: string;
  readonly staffNumber: string | null;
  readonly measures: readonly string[];
  readonly sanctions: readonly string[];
}

export type BulletinCompiled = DomainEvent<
  'TypicalCaseBulletinCompiled',
  {
    readonly commission: string;
    readonly period: string;
    readonly cases: readonly TypicalCase[];
    readonly compiledBy: string;
    readonly compiledOn: string;
  }
>;

export type BulletinReviewed = DomainEvent<
  'TypicalCaseBulletinReviewed',
  { readonly reviewedBy: string; readonly reviewedOn: string; readonly opinion: string }
>;

/** The role a bulletin's signature is signed in (the `role=` line of the sign-off statement). */
export const BULLETIN_SIGN_OFF_ROLE = 'typical_case_bulletin_signoff';

/** The content a bulletin's signature signs: SM3 of the RFC 8785 canonical JSON of `{commission, period, cases}` as compiled. */
export const bulletinContentHash = (content: {
  readonly commission: string;
  readonly period: string;
  readonly cases: readonly TypicalCase[];
}): string => canonicalContentHash({ commission: content.commission, period: content.period, cases: content.cases });

/**
 * Signed by the commission's secretary with their own digital signature over the `signoff/v1`
 * statement of (bulletin stream id, compilation number, content hash of the compiled bulletin,
 * role, signer, opinion). Signatures recorded before they were required lack the signature fields.
 */
export type BulletinSigned = DomainEvent<
  'TypicalCaseBulletinSigned',
  {
    readonly signedBy: string;
    readonly signedOn: string;
    /** The compilation signed (the statement's `version=`). */
    readonly version?: number;
    readonly contentHash?: string;
    readonly opinion?: string;
    readonly algorithm?: SignOffAlgorithm;
    readonly keyFingerprint?: string;
    readonly signature?: string;
    readonly statementFormat?: typeof SIGN_OFF_STATEMENT_FORMAT;
  }
>;

export type BulletinPublished = DomainEvent<
  'TypicalCaseBulletinPublished',
  { readonly commission: string; readonly period: string; readonly caseCount: number; readonly publishedOn: string; readonly by: string }
>;

export type BulletinEvent = BulletinCompiled | BulletinReviewed | BulletinSigned | BulletinPublished;
