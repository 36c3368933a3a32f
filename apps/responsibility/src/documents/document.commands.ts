import type { SigningKeyFact } from '@app/signoffs';
import type { Command } from '@app/domain';

/**
 * Commands of a document under sign-off (stream `document-<documentId>`). Values arrive as
 * received from the edge and the decider checks them. The handler adds what the decider cannot
 * know or compute: the canonical content hash (`canonicalContentHash`, @app/signoffs), the verdict of the signature check
 * (`verifySignOff`, @app/signoffs) and the registry's facts as of the signing day.
 */

export type DraftDocument = Command<
  'DraftDocument',
  {
    /** UUID generated at the edge. */
    readonly documentId: string;
    readonly kind: string;
    readonly unitCode: string;
    readonly year: number;
    /** Required for a two-party kind (a letter's recipient unit), refused otherwise. */
    readonly counterpartyUnitCode?: string | null;
    readonly content: unknown;
    /** `canonicalContentHash(content)`, computed by the handler. */
    readonly contentHash: string;
  }
>;

export type ReviseDocument = Command<
  'ReviseDocument',
  {
    readonly documentId: string;
    /** The version the author revised; a revision of an older version is refused. */
    readonly basedOnVersion: number;
    readonly content: unknown;
    /** `canonicalContentHash(content)`, computed by the handler. */
    readonly contentHash: string;
  }
>;

/** A post the signer held on the signing day (acting appointments included). */
export interface HeldPost {
  readonly unitCode: string;
  readonly post: string;
}

export interface SignOffFacts {
  /** The signer's registered key with the sign-off's fingerprint, or null when there is none. */
  readonly key: SigningKeyFact | null;
  /** `verifySignOff(...)` over the signed statement with that key's public key; false without a key. */
  readonly signatureValid: boolean;
  /** The posts the signer held on the signing day, from the registry as of that day. */
  readonly signerPosts: readonly HeldPost[];
  /** The commission (or group) paired with the document's unit on the signing day, if any. */
  readonly pairedCommissionCode: string | null;
}

/** The signing day is the CST day of `metadata.now`. */
export type SignDocumentVersion = Command<
  'SignDocumentVersion',
  {
    readonly documentId: string;
    readonly version: number;
    readonly contentHash: string;
    readonly role: string;
    readonly signerStaffNumber: string;
    readonly opinion: string;
    readonly algorithm: string;
    readonly keyFingerprint: string;
    readonly signature: string;
    readonly facts: SignOffFacts;
  }
>;

export type DocumentCommand = DraftDocument | ReviseDocument | SignDocumentVersion;

export type DocumentCommandType = DocumentCommand['type'];

export const documentStreamId = (documentId: string): string => `document-${documentId}`;
