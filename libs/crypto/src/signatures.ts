import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  ECDH,
  generateKeyPairSync,
  randomBytes,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { sm2 } from 'sm-crypto';
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

/** Private keys are lowercase hex: the 32-byte seed for Ed25519, the 32-byte scalar d for SM2. */
export interface KeyPair {
  readonly algorithm: SignatureAlgorithm;
  readonly publicKey: string;
  readonly privateKey: string;
}

/** GB/T 35276 default distinguishing identifier, the one every SM2 signature here uses. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** GB/T 32918.5 recommended curve sm2p256v1. */
const SM2 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
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
 * over SM3(Z_A ‖ message) with Z_A from {@link SM2_DEFAULT_USER_ID}. Any other shape is simply invalid.
 */
export function verifySignature(key: ParsedPublicKey, message: Buffer, signatureHex: string): boolean {
  if (!SIGNATURE_HEX.test(signatureHex)) return false;
  switch (key.algorithm) {
    case 'ed25519':
      return nodeVerify(null, message, ed25519PublicKeyObject(key.publicKey), Buffer.from(signatureHex, 'hex'));
    case 'sm2':
      return sm2.doVerifySignature([...message], signatureHex.toLowerCase(), key.publicKey, {
        hash: true,
        der: false,
        userId: SM2_DEFAULT_USER_ID,
      });
    default:
      return unsupportedAlgorithm(key.algorithm);
  }
}

export function generateKeyPair(algorithm: SignatureAlgorithm): KeyPair {
  switch (algorithm) {
    case 'ed25519': {
      const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
      return { algorithm, publicKey: base64UrlToHex(jwk.x), privateKey: base64UrlToHex(jwk.d) };
    }
    case 'sm2': {
      const d = randomScalar(SM2.n - 1n);
      return { algorithm, publicKey: sm2PublicKeyOf(d), privateKey: toHex32(d) };
    }
    default:
      return unsupportedAlgorithm(algorithm);
  }
}

/** Signature of `message` as 128 hex chars, in the form {@link verifySignature} accepts. For tests and tooling. */
export function sign(algorithm: SignatureAlgorithm, privateKey: string, message: Buffer): string {
  switch (algorithm) {
    case 'ed25519':
      return nodeSign(null, message, ed25519PrivateKeyObject(privateKey.trim())).toString('hex');
    case 'sm2':
      return sm2Sign(privateKey.trim(), message);
    default:
      return unsupportedAlgorithm(algorithm);
  }
}

/**
 * SM2 signature per GB/T 32918.2 §6.1. sm-crypto's own signer draws its nonces from an RC4 stream
 * seeded once per process, so this one takes k from OpenSSL's CSPRNG and lets OpenSSL compute [k]G;
 * only the modular arithmetic is done here. `nextNonce` exists to reproduce the standard's example,
 * which is why this function stays out of the package index.
 * Not constant-time: meant for tests and tooling, not for a signing service.
 */
export function sm2Sign(privateKeyHex: string, message: Buffer, nextNonce: () => bigint = () => randomScalar(SM2.n)): string {
  const d = sm2PrivateScalar(privateKeyHex);
  const e = BigInt(`0x${hash('sm3', Buffer.concat([sm2Za(sm2PublicKeyOf(d)), message])).toString('hex')}`);
  const inverseOfOnePlusD = modPow(1n + d, SM2.n - 2n, SM2.n);
  for (;;) {
    const k = nextNonce();
    const x1 = BigInt(`0x${sm2PublicKeyOf(k).slice(2, 66)}`);
    const r = (e + x1) % SM2.n;
    if (r === 0n || r + k === SM2.n) continue;
    const s = (((inverseOfOnePlusD * (k - r * d)) % SM2.n) + SM2.n) % SM2.n;
    if (s !== 0n) return toHex32(r) + toHex32(s);
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

function ed25519PrivateKeyObject(privateKey: string): KeyObject {
  const isPem = privateKey.startsWith('-----BEGIN');
  if (!isPem && !/^[0-9a-f]{64}$/i.test(privateKey))
    throw malformed('an Ed25519 private key must be a PKCS#8 PEM or a 32-byte seed as 64 hex chars');
  let keyObject: KeyObject;
  try {
    keyObject = isPem
      ? createPrivateKey(privateKey)
      : createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(privateKey, 'hex')]), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw malformed(`Ed25519 private key cannot be read: ${(error as Error).message}`);
  }
  if (keyObject.asymmetricKeyType !== 'ed25519')
    throw malformed(`the PEM holds a ${keyObject.asymmetricKeyType ?? 'unknown'} key, not an Ed25519 key`);
  return keyObject;
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
  const x = BigInt(`0x${point.slice(2, 66)}`);
  const y = BigInt(`0x${point.slice(66)}`);
  const { p, a, b } = SM2;
  if (x >= p || y >= p || (y * y - (x * x * x + a * x + b)) % p !== 0n)
    throw malformed('the SM2 public key is not a point on the SM2 curve');
  return point;
}

function sm2PrivateScalar(privateKeyHex: string): bigint {
  if (!/^[0-9a-f]{64}$/i.test(privateKeyHex)) throw malformed('an SM2 private key must be 64 hex chars (32 bytes)');
  const d = BigInt(`0x${privateKeyHex}`);
  if (d < 1n || d > SM2.n - 2n) throw malformed('an SM2 private key must lie in [1, n-2]');
  return d;
}

/** Uncompressed [k]G, computed by OpenSSL. */
function sm2PublicKeyOf(k: bigint): string {
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(Buffer.from(toHex32(k), 'hex'));
  return ecdh.getPublicKey('hex', 'uncompressed');
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), GB/T 32918.2 §5.5. */
function sm2Za(publicKeyHex: string): Buffer {
  const id = Buffer.from(SM2_DEFAULT_USER_ID, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  const curve = [SM2.a, SM2.b, SM2.gx, SM2.gy].map((v) => Buffer.from(toHex32(v), 'hex'));
  return hash('sm3', Buffer.concat([entl, id, ...curve, Buffer.from(publicKeyHex.slice(2), 'hex')]));
}

/** Uniform in [1, bound - 1], by rejection sampling from OpenSSL's CSPRNG. */
function randomScalar(bound: bigint): bigint {
  for (;;) {
    const candidate = BigInt(`0x${randomBytes(32).toString('hex')}`);
    if (candidate >= 1n && candidate < bound) return candidate;
  }
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function toHex32(value: bigint): string {
  return value.toString(16).padStart(64, '0');
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
