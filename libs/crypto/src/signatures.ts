import { createPublicKey, ECDH, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { CryptoInputError } from './crypto-error';
import { hash } from './hash';

export type SignatureAlgorithm = 'ed25519' | 'sm2';

/**
 * A validated public key. `publicKey` is normalised lowercase hex: the raw 32 bytes for Ed25519,
 * the uncompressed point `04‖x‖y` (65 bytes) for SM2. `fingerprint` is the SM3 hex of those bytes.
 */
export interface ParsedPublicKey {
  readonly algorithm: SignatureAlgorithm;
  readonly publicKey: string;
  readonly fingerprint: string;
}

/** GB/T 35276 default distinguishing identifier, the one every SM2 signature here uses. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Order n of the SM2 base point (GB/T 32918.5): r and s must lie in [1, n-1]. */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;

/**
 * Validates and normalises a public key.
 * Ed25519: PEM SPKI, or raw 32 bytes as 64 hex chars. SM2: hex of the uncompressed point
 * (`04`‖x‖y, 130 hex chars) or the compressed one (`02`/`03`‖x, 66 hex chars); the point must lie on the curve.
 */
export function parsePublicKey(algorithm: SignatureAlgorithm, text: string): ParsedPublicKey {
  const publicKey =
    algorithm === 'ed25519'
      ? normaliseEd25519(text.trim())
      : algorithm === 'sm2'
        ? normaliseSm2(text.trim())
        : unsupportedAlgorithm(algorithm);
  return { algorithm, publicKey, fingerprint: hash('sm3', Buffer.from(publicKey, 'hex')).toString('hex') };
}

/**
 * Whether `signatureHex` is a valid signature of `message` under `key`. Both algorithms use 64-byte
 * signatures as 128 hex chars: Ed25519 per RFC 8032; SM2 as r‖s (32 bytes each, big-endian, not DER),
 * over SM3(Z_A ‖ message) with Z_A from {@link SM2_DEFAULT_USER_ID}. Any other shape is simply invalid,
 * and so is an SM2 key that is not a point on the curve. Signing is the clients' business: there is no signer here.
 */
export function verifySignature(key: ParsedPublicKey, message: Buffer, signatureHex: string): boolean {
  if (!SIGNATURE_HEX.test(signatureHex)) return false;
  switch (key.algorithm) {
    case 'ed25519':
      return nodeVerify(null, message, ed25519PublicKeyObject(key.publicKey), Buffer.from(signatureHex, 'hex'));
    case 'sm2':
      return verifySm2(key.publicKey, message, signatureHex.toLowerCase());
    default:
      return unsupportedAlgorithm(key.algorithm);
  }
}

function normaliseEd25519(text: string): string {
  if (text.startsWith('-----BEGIN')) {
    let keyObject: KeyObject;
    try {
      keyObject = createPublicKey(text);
    } catch (error) {
      throw malformed(`Ed25519 public key PEM cannot be read: ${(error as Error).message}`);
    }
    if (keyObject.asymmetricKeyType !== 'ed25519')
      throw malformed(`the PEM holds a ${keyObject.asymmetricKeyType ?? 'unknown'} key, not an Ed25519 key`);
    return base64UrlToHex(keyObject.export({ format: 'jwk' }).x);
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) throw malformed('an Ed25519 public key must be a PEM SPKI or 64 hex chars (32 bytes)');
  ed25519PublicKeyObject(text);
  return text.toLowerCase();
}

function ed25519PublicKeyObject(publicKeyHex: string): KeyObject {
  try {
    return createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') },
      format: 'jwk',
    });
  } catch (error) {
    throw malformed(`Ed25519 public key rejected: ${(error as Error).message}`);
  }
}

function normaliseSm2(text: string): string {
  const hex = text.toLowerCase();
  const uncompressed = /^04[0-9a-f]{128}$/.test(hex);
  if (!uncompressed && !/^0[23][0-9a-f]{64}$/.test(hex)) {
    throw malformed(
      'an SM2 public key must be hex of the uncompressed point (04‖x‖y, 130 chars) or the compressed point (02/03‖x, 66 chars)',
    );
  }
  let point = hex;
  if (!uncompressed) {
    try {
      point = ECDH.convertKey(hex, 'SM2', 'hex', 'hex', 'uncompressed') as string;
    } catch {
      throw malformed('the compressed SM2 public key is not a point on the SM2 curve');
    }
  }
  if (!isSm2Point(point)) throw malformed('the SM2 public key is not a point on the SM2 curve');
  return point;
}

/** Coordinates below p and on the curve, as sm-crypto-v2 (@noble/curves) checks them; it throws for some shapes. */
function isSm2Point(point: string): boolean {
  try {
    return sm2.verifyPublicKey(point);
  } catch {
    return false;
  }
}

/** GB/T 32918.2 §7.1 by sm-crypto-v2; a key that is not a point, like any malformed input, makes the signature invalid. */
function verifySm2(publicKey: string, message: Buffer, signatureHex: string): boolean {
  const r = BigInt(`0x${signatureHex.slice(0, 64)}`);
  const s = BigInt(`0x${signatureHex.slice(64)}`);
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  const bytes = new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
  try {
    return sm2.doVerifySignature(bytes, signatureHex, sm2VerificationKey(publicKey), {
      hash: true,
      der: false,
      userId: SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
}

type Sm2Point = ReturnType<typeof sm2.precomputePublicKey>;

/**
 * Verifying against a point with precomputed multiples of itself takes about a quarter of the time of verifying
 * against the hex of the key, and precomputing costs about one verification (window 3, ~50 KiB a key). So a key
 * gets its precomputed point the second time it is seen, and the SM2_POINTS_KEPT most recently used keys keep
 * theirs (~13 MiB at most): thousands of signatures by the same people verify fast, and a stream of one-off keys
 * costs no more than verifying each against its hex.
 */
const SM2_WINDOW = 3;
const SM2_POINTS_KEPT = 256;
const SM2_KEYS_SEEN_KEPT = 4096;
const sm2Points = new Map<string, Sm2Point>();
const sm2KeysSeen = new Set<string>();

function sm2VerificationKey(publicKey: string): Sm2Point | string {
  const cached = sm2Points.get(publicKey);
  if (cached) {
    sm2Points.delete(publicKey);
    sm2Points.set(publicKey, cached);
    return cached;
  }
  if (!sm2KeysSeen.delete(publicKey)) {
    keepAtMost(sm2KeysSeen.add(publicKey), SM2_KEYS_SEEN_KEPT);
    return publicKey;
  }
  const point = sm2.precomputePublicKey(publicKey, SM2_WINDOW);
  keepAtMost(sm2Points.set(publicKey, point), SM2_POINTS_KEPT);
  return point;
}

/** Drops the oldest entries (insertion order) beyond `limit`. */
function keepAtMost(entries: Set<string> | Map<string, unknown>, limit: number): void {
  for (const key of entries.keys()) {
    if (entries.size <= limit) return;
    entries.delete(key);
  }
}

function base64UrlToHex(value: string | undefined): string {
  return Buffer.from(value ?? '', 'base64url').toString('hex');
}

function malformed(reason: string): CryptoInputError {
  return new CryptoInputError('KEY.MALFORMED', `Malformed key: ${reason}.`);
}

function unsupportedAlgorithm(algorithm: never): never {
  throw new CryptoInputError(
    'KEY.UNSUPPORTED_ALGORITHM',
    `Unsupported signature algorithm '${String(algorithm)}'; expected 'ed25519' or 'sm2'.`,
  );
}
