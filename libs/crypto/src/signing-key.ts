import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { parsePublicKey, SM2_DEFAULT_USER_ID, type ParsedPublicKey, type SignatureAlgorithm } from './signatures';

/**
 * A private key loaded for signing, with the public key and fingerprint it is known by: a
 * person's sign-off key (the signing CLI) or a service's checkpoint key.
 */
export interface SigningKey extends ParsedPublicKey {
  readonly algorithm: SignatureAlgorithm;
  /** Signature of `message` as 128 hex characters, the form `verifySignature` accepts. */
  sign(message: Buffer): string;
}

const SM2_SCALAR = /^[0-9a-f]{64}$/i;
/** DER of the OID 1.2.156.10197.1.301, the SM2 curve. */
const SM2_CURVE_OID = Buffer.from('06082a811ccf5501822d', 'hex');
const SEC1_VERSION_AND_SCALAR = Buffer.from('0201010420', 'hex');
/** Order n of the SM2 base point: a private key d lies in [1, n-2] (GB/T 32918.1 §6.1). */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/**
 * Reads a private key file: an Ed25519 PKCS#8 PEM, an SM2 PKCS#8 or SEC1 PEM (as `openssl genpkey
 * -algorithm SM2` writes it), or an SM2 private scalar as 64 hex characters (as sm-crypto writes
 * it). The algorithm is detected; when `expected` is given it must match.
 *
 * SM2 signatures follow GB/T 32918.2: r‖s (not DER) over SM3(Z_A ‖ M), Z_A computed with the
 * default user ID `1234567812345678` (GB/T 35276) — the ID the platform verifies with, whoever signs.
 * (A client signing with the openssl tool must say so: `-pkeyopt distid:1234567812345678`; OpenSSL 3's
 * default ID is empty, and its signatures are DER, to be rewritten as r‖s.)
 */
export function loadSigningKey(text: string, expected?: string): SigningKey {
  if (expected !== undefined && expected !== 'ed25519' && expected !== 'sm2')
    throw new Error(`--algorithm must be ed25519 or sm2, not ${expected}`);
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN') ? fromPem(trimmed) : fromSm2Hex(trimmed);
  if (expected !== undefined && key.algorithm !== expected) throw new Error(`the key file holds an ${key.algorithm} key, not ${expected}`);
  return key;
}

function fromPem(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`the key file is not a readable private key PEM: ${(error as Error).message}`, { cause: error });
  }
  if (privateKey.asymmetricKeyType === 'ed25519') return ed25519Key(privateKey);
  // Node reports an OpenSSL SM2 key with no type, and one it generated as an 'ec' key on the SM2 curve; both export as PKCS#8.
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const curve = pkcs8.indexOf(SM2_CURVE_OID);
  if (curve < 0)
    throw new Error(`the key file holds a ${privateKey.asymmetricKeyType ?? 'non-SM2'} key; signatures here use Ed25519 or SM2`);
  // The wrapped SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING d (32 bytes), … }.
  const scalar = pkcs8.indexOf(SEC1_VERSION_AND_SCALAR, curve);
  if (scalar < 0) throw new Error('the SM2 private key PEM holds no 32-byte private scalar');
  const start = scalar + SEC1_VERSION_AND_SCALAR.length;
  return sm2Key(pkcs8.subarray(start, start + 32).toString('hex'));
}

function fromSm2Hex(text: string): SigningKey {
  if (!SM2_SCALAR.test(text)) throw new Error('the key file is neither a private key PEM nor an SM2 private key in 64 hex characters');
  return sm2Key(text.toLowerCase());
}

function ed25519Key(privateKey: KeyObject): SigningKey {
  const spki = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  return {
    ...parsePublicKey('ed25519', spki),
    algorithm: 'ed25519',
    sign: (message) => nodeSign(null, message, privateKey).toString('hex'),
  };
}

function sm2Key(scalar: string): SigningKey {
  const d = BigInt(`0x${scalar}`);
  if (d < 1n || d > SM2_N - 2n) throw new Error('the SM2 private key is out of range [1, n-2]');
  const publicKey = sm2.getPublicKeyFromPrivateKey(scalar);
  return {
    ...parsePublicKey('sm2', publicKey),
    algorithm: 'sm2',
    sign: (message) => sm2.doSignature(Uint8Array.from(message), scalar, { hash: true, der: false, userId: SM2_DEFAULT_USER_ID }),
  };
}

/**
 * A new private key as the text of a key file {@link loadSigningKey} reads: an Ed25519 PKCS#8
 * PEM, or an SM2 private scalar as 64 hex characters.
 */
export function newSigningKeyFile(algorithm: SignatureAlgorithm): string {
  if (algorithm === 'sm2') return `${sm2.generateKeyPairHex().privateKey.padStart(64, '0')}\n`;
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
