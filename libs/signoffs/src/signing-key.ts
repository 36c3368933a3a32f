import { DomainError, fieldRule, requiredText, rule } from '@app/domain';
import { verifySignOff, type PublicKeyFact } from './signature-check';
import { isSignOffAlgorithm, type SignOffAlgorithm, type SignOffClaim } from './signoff-statement';

/** A registered signing key as the registry knows it (the key whose fingerprint the sign-off names). */
export interface SigningKeyFact {
  readonly staffNumber: string;
  readonly algorithm: string;
  readonly fingerprint: string;
  /** First day signatures by the key count. */
  readonly validFrom: string;
  /** From this day on signatures by the key do not count (SigningKeyRevoked.effectiveFrom). */
  readonly revokedFrom?: string;
}

/** The signature fields of a sign-off as they arrive from the edge. */
export interface SignatureFields {
  readonly signerStaffNumber: string;
  readonly algorithm: string;
  readonly keyFingerprint: string;
  readonly signature: string;
}

const FINGERPRINT = /^[0-9a-f]{64}$/;
const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;

/**
 * The shape of the signature fields (pure; for deciders): a known algorithm
 * (`SIGNOFF.INVALID_ALGORITHM`), a fingerprint of 64 lowercase hex (`SIGNOFF.INVALID_FINGERPRINT`)
 * and a 64-byte signature as 128 hex (`SIGNOFF.BAD_SIGNATURE`); all 422.
 */
export function requireSignatureShape(fields: SignatureFields): SignOffAlgorithm {
  const algorithm = fields.algorithm;
  rule(isSignOffAlgorithm(algorithm), 'SIGNOFF.INVALID_ALGORITHM', `${String(algorithm)} is not a signature algorithm (ed25519, sm2)`);
  rule(
    typeof fields.keyFingerprint === 'string' && FINGERPRINT.test(fields.keyFingerprint),
    'SIGNOFF.INVALID_FINGERPRINT',
    'a key fingerprint is 64 lowercase hex characters',
  );
  rule(
    typeof fields.signature === 'string' && SIGNATURE_HEX.test(fields.signature),
    'SIGNOFF.BAD_SIGNATURE',
    'a signature is 64 bytes written as 128 hex characters',
  );
  return algorithm;
}

/**
 * The key must be the signer's, of the named algorithm and fingerprint, and valid on the signing
 * day (registered from that day or before, not revoked by then): otherwise `SIGNOFF.KEY_NOT_VALID`
 * (403). Pure; for deciders.
 */
export function requireKeyValid(fields: SignatureFields, key: SigningKeyFact | null, day: string): void {
  const reason = !key
    ? `${fields.signerStaffNumber} has no registered key ${fields.keyFingerprint}`
    : key.staffNumber !== fields.signerStaffNumber
      ? `key ${key.fingerprint} is registered to another person`
      : key.fingerprint !== fields.keyFingerprint || key.algorithm !== fields.algorithm
        ? `key ${key.fingerprint} (${key.algorithm}) is not the key named by the sign-off`
        : day < key.validFrom
          ? `key ${key.fingerprint} is valid from ${key.validFrom}, after ${day}`
          : key.revokedFrom !== undefined && day >= key.revokedFrom
            ? `key ${key.fingerprint} was revoked from ${key.revokedFrom}`
            : undefined;
  if (reason !== undefined) throw new DomainError('SIGNOFF.KEY_NOT_VALID', reason, 'forbidden');
}

/** The signature did not verify over the signed statement (`SIGNOFF.BAD_SIGNATURE`, 422). */
export function requireSignatureValid(signatureValid: boolean): void {
  rule(signatureValid === true, 'SIGNOFF.BAD_SIGNATURE', 'the signature does not verify over the signed statement', 'invalid');
}

/** A registry key as the view answers it, as the fact a decider judges. */
export function signingKeyFact(
  key: { staffNumber: string; algorithm: string; fingerprint: string; from: string; revokedFrom?: string } | undefined,
): SigningKeyFact | null {
  if (!key) return null;
  return {
    staffNumber: key.staffNumber,
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    validFrom: key.from,
    ...(key.revokedFrom ? { revokedFrom: key.revokedFrom } : {}),
  };
}

/** What a decider is told of a sign-off's signature: the signer's key named by it, and whether it verified. */
export interface SignatureFacts {
  readonly key: SigningKeyFact | null;
  readonly signatureValid: boolean;
}

/**
 * A sign-off's signature judged in one step (pure; for deciders): its shape, the signer's key valid
 * on `day`, the signature verified over the statement. Answers the algorithm.
 */
export function requireValidSignature(fields: SignatureFields, facts: SignatureFacts, day: string): SignOffAlgorithm {
  const algorithm = requireSignatureShape(fields);
  requireKeyValid(fields, facts.key, day);
  requireSignatureValid(facts.signatureValid);
  return algorithm;
}

/**
 * The opinion a signer signs, exactly as written: required (`SIGNOFF.OPINION_REQUIRED`), at most
 * `maxLength` characters, no surrounding blanks (`SIGNOFF.OPINION_NOT_EXACT`); all 422.
 */
export function requireExactOpinion(opinion: unknown, maxLength: number): string {
  const text = requiredText(opinion, 'opinion', maxLength, 'SIGNOFF.OPINION_REQUIRED');
  fieldRule(text === opinion, 'SIGNOFF.OPINION_NOT_EXACT', 'the opinion is signed exactly as written: no surrounding blanks', 'opinion');
  return text;
}

/**
 * The facts a handler gathers for a sign-off (not pure: it verifies the signature): the key its
 * fingerprint named, as the registry has it (or none), and whether `signature` verifies under it
 * over the `signoff/v1` statement for `claim`.
 */
export function signatureFacts(
  claim: SignOffClaim,
  signature: string,
  key: (Parameters<typeof signingKeyFact>[0] & PublicKeyFact) | undefined,
): SignatureFacts {
  return { key: signingKeyFact(key), signatureValid: key ? verifySignOff(claim, signature, key) : false };
}
