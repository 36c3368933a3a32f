import { createPrivateKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { parsePublicKey, SM2_DEFAULT_USER_ID, type SignatureAlgorithm } from '../signatures';

/**
 * Signing for tests, as a client does it: the platform itself only verifies (see `verifySignature`).
 * Ed25519 by OpenSSL; SM2 by sm-crypto-v2, r‖s over SM3(Z_A ‖ message) with Z_A from SM2_DEFAULT_USER_ID.
 */

/** Private keys are lowercase hex: the 32-byte seed for Ed25519, the 32-byte scalar d for SM2. */
export interface KeyPair {
  readonly algorithm: SignatureAlgorithm;
  readonly publicKey: string;
  readonly privateKey: string;
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function generateKeyPair(algorithm: SignatureAlgorithm): KeyPair {
  if (algorithm === 'sm2') return { algorithm, ...sm2.generateKeyPairHex() };
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { algorithm, publicKey: base64UrlToHex(jwk.x), privateKey: base64UrlToHex(jwk.d) };
}

/** A key pair as the registry records it: with its fingerprint (SM3 of the public key bytes). */
export type RegisteredKeyPair = KeyPair & { readonly fingerprint: string };

export function generateRegisteredKeyPair(algorithm: SignatureAlgorithm): RegisteredKeyPair {
  const pair = generateKeyPair(algorithm);
  return { ...pair, fingerprint: parsePublicKey(algorithm, pair.publicKey).fingerprint };
}

/**
 * Signature of `message` as 128 hex chars, in the form `verifySignature` accepts. `sm2Nonce` fixes the SM2
 * nonce k, to reproduce a known-answer signature; otherwise k is random.
 */
export function sign(algorithm: SignatureAlgorithm, privateKey: string, message: Buffer, sm2Nonce?: bigint): string {
  if (algorithm === 'ed25519') {
    const key = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(privateKey, 'hex')]),
      format: 'der',
      type: 'pkcs8',
    });
    return nodeSign(null, message, key).toString('hex');
  }
  const pointPool = sm2Nonce === undefined ? undefined : [{ k: sm2Nonce, x1: sm2NoncePointX(sm2Nonce) }];
  return sm2.doSignature(Uint8Array.from(message), privateKey, { hash: true, der: false, userId: SM2_DEFAULT_USER_ID, pointPool });
}

/** x of [k]G, the part of the nonce point a signature uses. */
function sm2NoncePointX(k: bigint): bigint {
  return BigInt(`0x${sm2.getPublicKeyFromPrivateKey(k.toString(16).padStart(64, '0')).slice(2, 66)}`);
}

function base64UrlToHex(value: string | undefined): string {
  return Buffer.from(value ?? '', 'base64url').toString('hex');
}
