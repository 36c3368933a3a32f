import type { DomainEvent } from '@app/domain';
import type { LetterTookEffect } from '../letters/letter.events';
import type { DocumentContent } from './document-content';
import type { DocumentKind, SignerPost, SignerRequirement, SignOffRole } from './document-kinds';
import type { SignOffAlgorithm, SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';

/**
 * Events of a document under sign-off (stream `document-<documentId>`). Days are YYYY-MM-DD in
 * China Standard Time. `contentHash` is the SM3 hex of the RFC 8785 canonical JSON of `content`.
 */

export type DocumentDrafted = DomainEvent<
  'DocumentDrafted',
  {
    readonly documentId: string;
    readonly kind: DocumentKind;
    readonly unitCode: string;
    readonly year: number;
    /** The other party of a two-party kind (a letter's recipient unit); null otherwise. */
    readonly counterpartyUnitCode: string | null;
    /** Who must sign each version, as the requirement stood when the document was drafted. */
    readonly requiredSigners: readonly SignerRequirement[];
    readonly version: 1;
    readonly content: DocumentContent;
    readonly contentHash: string;
  }
>;

/** A new version; the earlier ones, and their signatures, stay as they were. */
export type DocumentRevised = DomainEvent<
  'DocumentRevised',
  {
    readonly documentId: string;
    readonly version: number;
    readonly content: DocumentContent;
    readonly contentHash: string;
  }
>;

/** A verified sign-off (签字背书) of one version: the written review opinion and the signature over it. */
export type DocumentVersionSigned = DomainEvent<
  'DocumentVersionSigned',
  {
    readonly documentId: string;
    readonly version: number;
    readonly contentHash: string;
    readonly role: SignOffRole;
    readonly signerStaffNumber: string;
    /** The post by which the signer was entitled on the signing day, and its unit. */
    readonly signerPost: SignerPost;
    readonly signerUnitCode: string;
    readonly opinion: string;
    readonly algorithm: SignOffAlgorithm;
    readonly keyFingerprint: string;
    /** Hex; over the UTF-8 bytes of the statement in `statementFormat` (`signOffStatement`, @app/signoffs). */
    readonly signature: string;
    readonly statementFormat: typeof SIGN_OFF_STATEMENT_FORMAT;
    readonly signedOn: string;
  }
>;

/** Every required role has signed `version`; that version is final. */
export type DocumentFullySigned = DomainEvent<
  'DocumentFullySigned',
  {
    readonly documentId: string;
    readonly kind: DocumentKind;
    readonly unitCode: string;
    readonly year: number;
    readonly version: number;
    readonly contentHash: string;
    readonly signers: readonly { readonly role: SignOffRole; readonly staffNumber: string }[];
    readonly fullySignedOn: string;
  }
>;

export type DocumentEvent = DocumentDrafted | DocumentRevised | DocumentVersionSigned | DocumentFullySigned | LetterTookEffect;

export type DocumentEventType = DocumentEvent['type'];
