import { createECDH, generateKeyPairSync, randomBytes, randomInt, sign as nodeSign } from 'node:crypto';
import { sm2 as smCrypto } from 'sm-crypto';
import { hash } from './hash';
import { parsePublicKey, SM2_DEFAULT_USER_ID, verifySignature, type ParsedPublicKey } from './signatures';
import { generateKeyPair, sign } from './testing/signing';

/** RFC 8032 §7.1, TEST 1 and TEST 2. */
const RFC_8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

/** GB/T 32918.2-2016 (GM/T 0003.2) signature example on the recommended curve, ID '1234567812345678'. */
const SM2_EXAMPLE = {
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: Buffer.from('message digest'),
  k: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n,
  signature:
    'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

function flipFirstHexDigit(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}

/** sm-crypto's options for the signatures verifySignature accepts. */
const SM_CRYPTO = { hash: true, der: false, userId: SM2_DEFAULT_USER_ID };
const SM2_N = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
const ZERO = '0'.repeat(64);

/** A copy with one random bit flipped. */
function flipBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[randomInt(copy.length)] ^= 1 << randomInt(8);
  return copy;
}

/** Three verifications in a row: a key new to the verifier goes by its hex, then by its point, precomputed the second time. */
function verdicts(key: ParsedPublicKey, message: Buffer, signature: string): boolean[] {
  return [1, 2, 3].map(() => verifySignature(key, message, signature));
}

describe('Ed25519', () => {
  test.each(RFC_8032)('reproduces and verifies the RFC 8032 vector for message "$message"', ({ seed, publicKey, message, signature }) => {
    const key = parsePublicKey('ed25519', publicKey);
    expect(sign('ed25519', seed, Buffer.from(message, 'hex'))).toBe(signature);
    expect(verifySignature(key, Buffer.from(message, 'hex'), signature)).toBe(true);
  });

  test('a PEM SPKI key normalises to the same raw key and fingerprint as its hex form', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    expect(parsePublicKey('ed25519', pem)).toEqual({
      algorithm: 'ed25519',
      publicKey: raw.toString('hex'),
      fingerprint: hash('sm3', raw).toString('hex'),
    });
    expect(parsePublicKey('ed25519', raw.toString('hex').toUpperCase())).toEqual(parsePublicKey('ed25519', pem));
  });

  test('another key, message or signature does not verify', () => {
    const other = generateKeyPairSync('ed25519');
    const otherKey = parsePublicKey('ed25519', other.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const pair = generateKeyPair('ed25519');
    const key = parsePublicKey('ed25519', pair.publicKey);
    const message = Buffer.from('签字背书');
    const signature = sign('ed25519', pair.privateKey, message);
    expect(verifySignature(key, message, signature)).toBe(true);
    expect(verifySignature(otherKey, message, nodeSign(null, message, other.privateKey).toString('hex'))).toBe(true);
    expect(verifySignature(otherKey, message, signature)).toBe(false);
    expect(verifySignature(key, Buffer.from('签字背书!'), signature)).toBe(false);
    expect(verifySignature(key, message, flipFirstHexDigit(signature))).toBe(false);
  });

  test.each([
    ['31 bytes', 'ab'.repeat(31)],
    ['non-hex', 'zz'.repeat(32)],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string],
    ['a broken PEM', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'],
  ])('rejects %s as KEY.MALFORMED', (_name, text) => {
    expect(() => parsePublicKey('ed25519', text)).toThrow(expect.objectContaining({ code: 'KEY.MALFORMED' }));
  });
});

describe('SM2', () => {
  test('verifies the GB/T 32918.2 example signature, which sm-crypto-v2 reproduces from the example nonce', () => {
    const key = parsePublicKey('sm2', SM2_EXAMPLE.publicKey);
    for (let i = 0; i < 3; i++) {
      expect(verifySignature(key, SM2_EXAMPLE.message, SM2_EXAMPLE.signature)).toBe(true);
      expect(verifySignature(key, SM2_EXAMPLE.message, SM2_EXAMPLE.signature.toUpperCase())).toBe(true);
      expect(verifySignature(key, Buffer.from('message digesT'), SM2_EXAMPLE.signature)).toBe(false);
    }
    expect(sign('sm2', SM2_EXAMPLE.privateKey, SM2_EXAMPLE.message, SM2_EXAMPLE.k)).toBe(SM2_EXAMPLE.signature);
    expect(smCrypto.doVerifySignature([...SM2_EXAMPLE.message], SM2_EXAMPLE.signature, SM2_EXAMPLE.publicKey, SM_CRYPTO)).toBe(true);
  });

  test('a compressed key normalises to the uncompressed point, the example key derived by OpenSSL', () => {
    const ecdh = createECDH('SM2');
    ecdh.setPrivateKey(Buffer.from(SM2_EXAMPLE.privateKey, 'hex'));
    expect(ecdh.getPublicKey('hex', 'uncompressed')).toBe(SM2_EXAMPLE.publicKey);
    const parsed = parsePublicKey('sm2', ecdh.getPublicKey('hex', 'compressed'));
    expect(parsed).toEqual({
      algorithm: 'sm2',
      publicKey: SM2_EXAMPLE.publicKey,
      fingerprint: hash('sm3', Buffer.from(SM2_EXAMPLE.publicKey, 'hex')).toString('hex'),
    });
  });

  test('agrees with sm-crypto on random keys and messages; a tampered message, signature or key fails', () => {
    for (let i = 0; i < 20; i++) {
      const message = randomBytes(randomInt(1, 300));
      const legacy = smCrypto.generateKeyPairHex();
      const legacySignature = smCrypto.doSignature([...message], legacy.privateKey, SM_CRYPTO);
      const pair = generateKeyPair('sm2');
      const signature = sign('sm2', pair.privateKey, message);
      expect(signature).toMatch(/^[0-9a-f]{128}$/);
      expect(smCrypto.doVerifySignature([...message], signature, pair.publicKey, SM_CRYPTO)).toBe(true);
      const cases: [string, Buffer, string, boolean][] = [
        [legacy.publicKey, message, legacySignature, true],
        [pair.publicKey, message, signature, true],
        [pair.publicKey, Buffer.concat([message, Buffer.of(0)]), signature, false],
        [pair.publicKey, flipBit(message), signature, false],
        [pair.publicKey, message, flipBit(Buffer.from(signature, 'hex')).toString('hex'), false],
        [legacy.publicKey, message, signature, false],
        [pair.publicKey, message, legacySignature, false],
      ];
      for (const [publicKey, text, sig, valid] of cases) {
        expect(verdicts(parsePublicKey('sm2', publicKey), text, sig)).toEqual([valid, valid, valid]);
      }
    }
  });

  test('r or s outside [1, n-1], or a key that is not a point, makes a signature invalid, not an error', () => {
    const key = parsePublicKey('sm2', SM2_EXAMPLE.publicKey);
    const [r, s] = [SM2_EXAMPLE.signature.slice(0, 64), SM2_EXAMPLE.signature.slice(64)];
    for (const signature of [ZERO + s, r + ZERO, SM2_N + s, r + SM2_N, 'f'.repeat(128), ZERO + ZERO]) {
      expect(verdicts(key, SM2_EXAMPLE.message, signature)).toEqual([false, false, false]);
    }
    const offCurve: ParsedPublicKey = { ...key, publicKey: SM2_EXAMPLE.publicKey.slice(0, -2) + '00' };
    expect(verdicts(offCurve, SM2_EXAMPLE.message, SM2_EXAMPLE.signature)).toEqual([false, false, false]);
    expect(verifySignature({ ...key, publicKey: 'zz' }, SM2_EXAMPLE.message, SM2_EXAMPLE.signature)).toBe(false);
  });

  test('accepts only r‖s: a DER signature or a wrong length is invalid, not an error', () => {
    const key = parsePublicKey('sm2', SM2_EXAMPLE.publicKey);
    const der = smCrypto.doSignature([...SM2_EXAMPLE.message], SM2_EXAMPLE.privateKey, { hash: true, der: true });
    expect(smCrypto.doVerifySignature([...SM2_EXAMPLE.message], der, SM2_EXAMPLE.publicKey, { hash: true, der: true })).toBe(true);
    expect(verifySignature(key, SM2_EXAMPLE.message, der)).toBe(false);
    expect(verifySignature(key, SM2_EXAMPLE.message, SM2_EXAMPLE.signature.slice(2))).toBe(false);
  });

  test.each([
    ['a point off the curve', SM2_EXAMPLE.publicKey.slice(0, -2) + '00'],
    ['a compressed x with no point', '02' + 'f'.repeat(64)],
    ['a coordinate not below p', '04' + 'f'.repeat(128)],
    ['64 bytes without prefix', SM2_EXAMPLE.publicKey.slice(2)],
    ['a wrong prefix', '05' + SM2_EXAMPLE.publicKey.slice(2)],
  ])('rejects %s as KEY.MALFORMED', (_name, text) => {
    expect(() => parsePublicKey('sm2', text)).toThrow(expect.objectContaining({ code: 'KEY.MALFORMED' }));
  });
});

test('an unknown algorithm is KEY.UNSUPPORTED_ALGORITHM', () => {
  expect(() => parsePublicKey('rsa' as never, 'ab')).toThrow(expect.objectContaining({ code: 'KEY.UNSUPPORTED_ALGORITHM' }));
});
