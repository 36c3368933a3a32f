import { createCipheriv, createDecipheriv, createHmac, getCiphers, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { CryptoInputError } from './crypto-error';

/**
 * Field encryption for personal data (e.g. a petition's reporter): SM4-CTR with a random 16-byte
 * initial counter block, then HMAC-SM3 over (version ‖ iv ‖ aad length ‖ aad ‖ ciphertext).
 * The 16-byte master key is split by HKDF-SM3 (RFC 5869 with SM3) into an encryption key and a MAC key.
 * Output: `sm4ctr-hmacsm3.v1:` + base64url(iv ‖ ciphertext ‖ 32-byte tag).
 * The aad (e.g. `petition:<id>:reporterName`) binds a ciphertext to its place: moved elsewhere, it fails.
 */
export const FIELD_ENCRYPTION_VERSION = 'sm4ctr-hmacsm3.v1';

const PREFIX = `${FIELD_ENCRYPTION_VERSION}:`;
const IV_BYTES = 16;
const TAG_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const LONE_SURROGATE = /\p{Surrogate}/u;

export function encryptField(key: Buffer, plaintext: string, aad: string): string {
  const { encryptionKey, macKey } = deriveKeys(key);
  if (LONE_SURROGATE.test(plaintext))
    throw new CryptoInputError(
      'FIELD.MALFORMED',
      'The plaintext contains a lone UTF-16 surrogate and cannot be encoded as UTF-8 without loss.',
    );
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-ctr', encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, ciphertext, tag(macKey, iv, aad, ciphertext)]).toString('base64url');
}

/** Inverse of {@link encryptField}; throws `FIELD.AUTHENTICATION_FAILED` on a wrong key, wrong aad or any change to the token. */
export function decryptField(key: Buffer, token: string, aad: string): string {
  const { encryptionKey, macKey } = deriveKeys(key);
  if (!token.startsWith(PREFIX)) throw new CryptoInputError('FIELD.MALFORMED', `An encrypted field must start with '${PREFIX}'.`);
  const body = token.slice(PREFIX.length);
  const bytes = Buffer.from(body, 'base64url');
  if (!BASE64URL.test(body) || bytes.toString('base64url') !== body || bytes.length < IV_BYTES + TAG_BYTES) {
    throw new CryptoInputError('FIELD.MALFORMED', 'The encrypted field is not canonical base64url of iv ‖ ciphertext ‖ tag.');
  }
  const iv = bytes.subarray(0, IV_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
  if (!timingSafeEqual(bytes.subarray(bytes.length - TAG_BYTES), tag(macKey, iv, aad, ciphertext))) {
    throw new CryptoInputError(
      'FIELD.AUTHENTICATION_FAILED',
      'The encrypted field does not authenticate: wrong key, wrong aad, or the field was altered.',
    );
  }
  const decipher = createDecipheriv('sm4-ctr', encryptionKey, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/** Throws if the platform's SM4 is missing or does not reproduce the GB/T 32907-2016 Appendix A.1 example. */
export function assertSm4KnownAnswer(): void {
  if (!getCiphers().includes('sm4-ecb') || !getCiphers().includes('sm4-ctr')) {
    throw new Error(`The platform's OpenSSL (Node ${process.version}) offers no SM4 cipher; field encryption is unavailable.`);
  }
  const block = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const cipher = createCipheriv('sm4-ecb', block, null).setAutoPadding(false);
  const actual = Buffer.concat([cipher.update(block), cipher.final()]).toString('hex');
  const expected = '681edf34d206965e86b3e94f536e4246';
  if (actual !== expected)
    throw new Error(`The platform's SM4 fails the GB/T 32907-2016 known-answer test: expected ${expected}, got ${actual}.`);
}

function deriveKeys(key: Buffer): { encryptionKey: Buffer; macKey: Buffer } {
  if (!Buffer.isBuffer(key) || key.length !== 16)
    throw new CryptoInputError('FIELD.KEY_INVALID', 'The field-encryption key must be a Buffer of 16 bytes.');
  const derive = (purpose: string, length: number) =>
    Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), `${FIELD_ENCRYPTION_VERSION} ${purpose}`, length));
  return { encryptionKey: derive('encryption', 16), macKey: derive('mac', 32) };
}

function tag(macKey: Buffer, iv: Buffer, aad: string, ciphertext: Buffer): Buffer {
  const aadBytes = Buffer.from(aad, 'utf8');
  const aadLength = Buffer.alloc(4);
  aadLength.writeUInt32BE(aadBytes.length);
  return createHmac('sm3', macKey)
    .update(FIELD_ENCRYPTION_VERSION)
    .update(iv)
    .update(aadLength)
    .update(aadBytes)
    .update(ciphertext)
    .digest();
}
