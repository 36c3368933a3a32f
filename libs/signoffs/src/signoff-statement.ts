import { hash } from '@app/crypto';

/** Signature algorithms a sign-off may use (the registry's signing key algorithms). */
export const SIGN_OFF_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type SignOffAlgorithm = (typeof SIGN_OFF_ALGORITHMS)[number];

/** Name of the signed-statement format (below); recorded with each sign-off. */
export const SIGN_OFF_STATEMENT_FORMAT = 'signoff/v1';

export function isSignOffAlgorithm(value: unknown): value is SignOffAlgorithm {
  return (SIGN_OFF_ALGORITHMS as readonly unknown[]).includes(value);
}

/** What a signer attests: this opinion, in this role, on this version of this document. */
export interface SignOffClaim {
  /** The signed record's id (a document, an inquiry's reply). */
  readonly documentId: string;
  readonly version: number;
  /** The version's content hash (`canonicalContentHash`). */
  readonly contentHash: string;
  /** The capacity the signer signs in, e.g. `main_responsibility` or `inquiry_reply_endorsement`. */
  readonly role: string;
  readonly signerStaffNumber: string;
  /** The written review opinion exactly as submitted. */
  readonly opinion: string;
}

/**
 * The statement a sign-off signs (format `signoff/v1`): seven lines joined by a single LF (0x0A),
 * no trailing newline, signed as its UTF-8 bytes (all ASCII):
 *
 *     signoff/v1
 *     document=<documentId>
 *     version=<version, decimal>
 *     content-sm3=<contentHash, 64 lowercase hex>
 *     role=<the role signed in>
 *     signer=<signer's staff number>
 *     opinion-sm3=<SM3 of the opinion's UTF-8 bytes, 64 lowercase hex>
 *
 * Binding the role, the signer and the opinion means a signature cannot be moved to another role,
 * person or opinion, and the written opinion cannot be changed after signing. Ed25519 signs these
 * bytes directly (RFC 8032); SM2 signs them as the message M of GB/T 32918.2, that is over
 * SM3(Z_A ‖ M), with Z_A computed from the default user ID `1234567812345678` (GB/T 35276).
 */
export function signOffStatement(claim: SignOffClaim): string {
  return [
    SIGN_OFF_STATEMENT_FORMAT,
    `document=${claim.documentId}`,
    `version=${claim.version}`,
    `content-sm3=${claim.contentHash}`,
    `role=${claim.role}`,
    `signer=${claim.signerStaffNumber}`,
    `opinion-sm3=${hash('sm3', claim.opinion).toString('hex')}`,
  ].join('\n');
}

/** The bytes a sign-off signature is made over. */
export function signOffMessage(claim: SignOffClaim): Buffer {
  return Buffer.from(signOffStatement(claim), 'utf8');
}
