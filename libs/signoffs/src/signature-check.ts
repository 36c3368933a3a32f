import { CryptoInputError, parsePublicKey, verifySignature } from '@app/crypto';
import { isSignOffAlgorithm, signOffMessage, type SignOffClaim } from './signoff-statement';

/** A registered public key as the registry hands it out. */
export interface PublicKeyFact {
  readonly algorithm: string;
  /** Ed25519: PEM SPKI or 64 hex; SM2: hex of the point (see `parsePublicKey`). */
  readonly publicKey: string;
}

/**
 * Whether `signature` (hex) is a valid signature of the sign-off statement for `claim` under `key`.
 * A handler calls this before sending its sign command and passes the verdict in its facts; a
 * missing, unreadable or unsupported key, like any malformed signature, gives false.
 */
export function verifySignOff(claim: SignOffClaim, signature: string, key: PublicKeyFact | null | undefined): boolean {
  if (!key || !isSignOffAlgorithm(key.algorithm) || typeof signature !== 'string') return false;
  try {
    return verifySignature(parsePublicKey(key.algorithm, key.publicKey), signOffMessage(claim), signature);
  } catch (error) {
    if (error instanceof CryptoInputError) return false;
    throw error;
  }
}
