import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePublicKey, SM2_DEFAULT_USER_ID, verifySignature } from '@app/crypto';
import { type SignOffClaim, signOffMessage, verifySignOff } from '@app/signoffs';
import { loadSigningKey } from '@app/crypto';

const CLAIM: SignOffClaim = {
  documentId: '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e01',
  version: 1,
  contentHash: 'a'.repeat(64),
  role: 'supervisory_responsibility',
  signerStaffNumber: 'S002',
  opinion: '经审阅，同意该责任分工。',
};

/** GB/T 32918.2-2016 example on the recommended curve: d, P = [d]G, and the signature of "message digest". */
const GBT_32918 = {
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  signature:
    'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

describe('loadSigningKey', () => {
  it('signs with an Ed25519 PKCS#8 PEM, and the platform verifies the sign-off', () => {
    const pair = generateKeyPairSync('ed25519');
    const key = loadSigningKey(pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const registered = parsePublicKey('ed25519', pair.publicKey.export({ format: 'pem', type: 'spki' }).toString());
    expect(key).toMatchObject({ algorithm: 'ed25519', publicKey: registered.publicKey, fingerprint: registered.fingerprint });
    const signature = key.sign(signOffMessage(CLAIM));
    expect(verifySignOff(CLAIM, signature, { algorithm: 'ed25519', publicKey: registered.publicKey })).toBe(true);
    expect(verifySignOff({ ...CLAIM, version: 2 }, signature, { algorithm: 'ed25519', publicKey: registered.publicKey })).toBe(false);
  });

  it('derives the GB/T 32918.2 example public key from its SM2 private key, written as hex', () => {
    const key = loadSigningKey(`${GBT_32918.privateKey.toUpperCase()}\n`);
    expect(key.algorithm).toBe('sm2');
    expect(key.publicKey).toBe(GBT_32918.publicKey);
    expect(key.fingerprint).toBe(parsePublicKey('sm2', GBT_32918.publicKey).fingerprint);
  });

  it('signs with an SM2 key (sm-crypto-v2), and the platform verifies the sign-off', () => {
    const key = loadSigningKey(GBT_32918.privateKey);
    const signature = key.sign(signOffMessage(CLAIM));
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifySignOff(CLAIM, signature, { algorithm: 'sm2', publicKey: GBT_32918.publicKey })).toBe(true);
    expect(verifySignOff({ ...CLAIM, opinion: '同意' }, signature, { algorithm: 'sm2', publicKey: GBT_32918.publicKey })).toBe(false);
  });

  it.each([
    ['a key of the other algorithm than --algorithm', GBT_32918.privateKey, 'ed25519', /not ed25519/],
    ['an unknown --algorithm', GBT_32918.privateKey, 'rsa', /ed25519 or sm2/],
    ['text that is no key', 'not a key', undefined, /neither/],
    ['an SM2 scalar of zero', '0'.repeat(64), undefined, /out of range/],
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      undefined,
      /rsa key/,
    ],
  ])('refuses %s', (_case, text, algorithm, message) => {
    expect(() => loadSigningKey(text, algorithm)).toThrow(message);
  });
});

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const OPENSSL_SM2 = openssl.status === 0 && /OpenSSL 3\./.test(openssl.stdout);

/**
 * Cross-checks against an independent SM2 implementation, OpenSSL 3's (Node's crypto signs with SM2
 * keys as ECDSA, not SM2, so the openssl tool is used). OpenSSL writes r and s in DER; the platform uses r‖s.
 */
(OPENSSL_SM2 ? describe : describe.skip)('SM2 against OpenSSL 3', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sm2-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  /** OpenSSL 3's default SM2 ID is empty: a client signing with OpenSSL must name the default ID of GB/T 35276. */
  const DISTID = ['-pkeyopt', `distid:${SM2_DEFAULT_USER_ID}`];

  it('OpenSSL verifies the GB/T 32918.2 example signature with the default user ID, and only with it', () => {
    writeFileSync(join(dir, 'example.pub.pem'), sm2PublicKeyPem(GBT_32918.publicKey));
    writeFileSync(join(dir, 'example.msg'), GBT_32918.message);
    writeFileSync(join(dir, 'example.sig'), derSignature(GBT_32918.signature));
    const verify = [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      'example.pub.pem',
      '-rawin',
      '-digest',
      'sm3',
      '-in',
      'example.msg',
      '-sigfile',
      'example.sig',
    ];
    expect(run([...verify, ...DISTID]).stdout).toContain('Signature Verified Successfully');
    expect(run(verify).stdout).not.toContain('Signature Verified Successfully');
  });

  it('the platform verifies a sign-off OpenSSL signed, and OpenSSL verifies one the CLI signed, with an OpenSSL key', () => {
    expect(run(['genpkey', '-algorithm', 'SM2', '-out', 'key.pem']).status).toBe(0);
    const key = loadSigningKey(readFileSync(join(dir, 'key.pem'), 'utf8'), 'sm2');
    writeFileSync(join(dir, 'statement'), signOffMessage(CLAIM));

    expect(
      run(['pkeyutl', '-sign', '-inkey', 'key.pem', '-rawin', '-digest', 'sm3', '-in', 'statement', '-out', 'openssl.sig', ...DISTID])
        .status,
    ).toBe(0);
    const opensslSignature = rawSignature(readFileSync(join(dir, 'openssl.sig')));
    expect(verifySignOff(CLAIM, opensslSignature, { algorithm: 'sm2', publicKey: key.publicKey })).toBe(true);
    expect(verifySignature(parsePublicKey('sm2', key.publicKey), Buffer.from('other'), opensslSignature)).toBe(false);

    writeFileSync(join(dir, 'cli.sig'), derSignature(key.sign(signOffMessage(CLAIM))));
    const verified = run([
      'pkeyutl',
      '-verify',
      '-inkey',
      'key.pem',
      '-rawin',
      '-digest',
      'sm3',
      '-in',
      'statement',
      '-sigfile',
      'cli.sig',
      ...DISTID,
    ]);
    expect(verified.stdout).toContain('Signature Verified Successfully');
    writeFileSync(join(dir, 'other'), 'other');
    const refused = run([
      'pkeyutl',
      '-verify',
      '-inkey',
      'key.pem',
      '-rawin',
      '-digest',
      'sm3',
      '-in',
      'other',
      '-sigfile',
      'cli.sig',
      ...DISTID,
    ]);
    expect(refused.stdout).not.toContain('Signature Verified Successfully');
  });
});

/** SubjectPublicKeyInfo for an SM2 point: id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301. */
function sm2PublicKeyPem(point: string): string {
  const der = Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex'), Buffer.from(point, 'hex')]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}

/** r‖s hex → DER SEQUENCE { INTEGER r, INTEGER s }. */
function derSignature(rs: string): Buffer {
  const integer = (hex: string) => {
    let bytes = Buffer.from(hex, 'hex');
    while (bytes.length > 1 && bytes[0] === 0 && bytes[1] < 0x80) bytes = bytes.subarray(1);
    if (bytes[0] >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
  };
  const body = Buffer.concat([integer(rs.slice(0, 64)), integer(rs.slice(64))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** DER SEQUENCE { INTEGER r, INTEGER s } → r‖s hex, 32 bytes each. */
function rawSignature(der: Buffer): string {
  const rLength = der[3];
  const r = der.subarray(4, 4 + rLength);
  const s = der.subarray(6 + rLength, 6 + rLength + der[5 + rLength]);
  const fixed = (bytes: Buffer) =>
    bytes
      .toString('hex')
      .replace(/^(00)+(?=[0-9a-f]{64}$)/, '')
      .padStart(64, '0');
  return fixed(r) + fixed(s);
}
