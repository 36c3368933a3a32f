import { createHash } from 'node:crypto';
import { DomainError } from '@app/domain';
import { generateKeyPair, sign } from '../../crypto/src/testing/signing';
import { canonicalContentHash } from './content-hash';
import { verifySignOff } from './signature-check';
import { requireKeyValid, requireSignatureShape, type SigningKeyFact } from './signing-key';
import { signOffMessage, signOffStatement, type SignOffClaim } from './signoff-statement';

const CLAIM: SignOffClaim = {
  documentId: '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e01',
  version: 2,
  contentHash: canonicalContentHash({ title: '标题', body: '正文' }),
  role: 'main_responsibility',
  signerStaffNumber: 'S001',
  opinion: '经审阅，同意。',
};

describe('the content hash', () => {
  it('is the SM3 hex of the RFC 8785 canonical JSON of the content', () => {
    const canonical = '{"body":"正文","title":"标题"}';
    expect(canonicalContentHash({ title: '标题', body: '正文' })).toBe(createHash('sm3').update(canonical, 'utf8').digest('hex'));
  });

  it('does not depend on the order the fields arrive in', () => {
    expect(canonicalContentHash({ body: '正文', title: '标题' })).toBe(canonicalContentHash({ title: '标题', body: '正文' }));
  });

  it('changes with any character of the content', () => {
    expect(canonicalContentHash({ title: '标题', body: '正文 ' })).not.toBe(canonicalContentHash({ title: '标题', body: '正文' }));
  });
});

describe('the signed statement', () => {
  it('is seven LF-separated lines binding document, version, content hash, role, signer and opinion', () => {
    const opinionSm3 = createHash('sm3').update('经审阅，同意。', 'utf8').digest('hex');
    expect(signOffStatement(CLAIM)).toBe(
      [
        'signoff/v1',
        'document=0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e01',
        'version=2',
        `content-sm3=${CLAIM.contentHash}`,
        'role=main_responsibility',
        'signer=S001',
        `opinion-sm3=${opinionSm3}`,
      ].join('\n'),
    );
    expect(signOffMessage(CLAIM)).toEqual(Buffer.from(signOffStatement(CLAIM), 'utf8'));
  });
});

describe.each(['ed25519', 'sm2'] as const)('verifySignOff with %s', (algorithm) => {
  const pair = generateKeyPair(algorithm);
  const key = { algorithm, publicKey: pair.publicKey };
  const signature = sign(algorithm, pair.privateKey, signOffMessage(CLAIM));

  it('accepts a signature over the statement of the claim', () => {
    expect(verifySignOff(CLAIM, signature, key)).toBe(true);
  });

  it.each([
    ['another document', { documentId: '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e02' }],
    ['another version', { version: 1 }],
    ['another content hash', { contentHash: '0'.repeat(64) }],
    ['another role', { role: 'supervisory_responsibility' }],
    ['another signer', { signerStaffNumber: 'S002' }],
    ['another opinion', { opinion: '经审阅，同意' }],
  ])('refuses the signature for %s', (_case, change) => {
    expect(verifySignOff({ ...CLAIM, ...change }, signature, key)).toBe(false);
  });

  it('refuses a signature by another key', () => {
    expect(verifySignOff(CLAIM, signature, { algorithm, publicKey: generateKeyPair(algorithm).publicKey })).toBe(false);
  });

  it('gives false, not an error, for a missing or malformed key and a malformed signature', () => {
    expect(verifySignOff(CLAIM, signature, null)).toBe(false);
    expect(verifySignOff(CLAIM, signature, { algorithm, publicKey: 'not a key' })).toBe(false);
    expect(verifySignOff(CLAIM, signature, { algorithm: 'rsa', publicKey: pair.publicKey })).toBe(false);
    expect(verifySignOff(CLAIM, 'zz', key)).toBe(false);
  });
});

describe('the signing key rule', () => {
  const fields = { signerStaffNumber: 'S001', algorithm: 'sm2', keyFingerprint: 'a'.repeat(64), signature: 'ab'.repeat(64) };
  const key: SigningKeyFact = { staffNumber: 'S001', algorithm: 'sm2', fingerprint: 'a'.repeat(64), validFrom: '2024-01-01' };
  const refusal = (fact: SigningKeyFact | null, day = '2024-06-01') => {
    try {
      requireKeyValid(fields, fact, day);
      return undefined;
    } catch (error) {
      return error instanceof DomainError ? `${error.code} ${error.kind}` : error;
    }
  };

  it('accepts the signer’s own key, named exactly, valid on the signing day', () => {
    expect(refusal(key)).toBeUndefined();
    expect(refusal({ ...key, revokedFrom: '2024-06-02' })).toBeUndefined();
  });

  it.each([
    ['no key', null],
    ['another person’s key', { ...key, staffNumber: 'S002' }],
    ['another algorithm', { ...key, algorithm: 'ed25519' }],
    ['a key valid only later', { ...key, validFrom: '2024-06-02' }],
    ['a key revoked by the signing day', { ...key, revokedFrom: '2024-06-01' }],
  ])('refuses %s (403 SIGNOFF.KEY_NOT_VALID)', (_case, fact) => {
    expect(refusal(fact)).toBe('SIGNOFF.KEY_NOT_VALID forbidden');
  });

  it('checks the shape of the signature fields', () => {
    expect(requireSignatureShape(fields)).toBe('sm2');
    expect(() => requireSignatureShape({ ...fields, algorithm: 'rsa' })).toThrow('ed25519, sm2');
    expect(() => requireSignatureShape({ ...fields, keyFingerprint: 'A'.repeat(64) })).toThrow('fingerprint');
    expect(() => requireSignatureShape({ ...fields, signature: 'ab' })).toThrow('128 hex');
  });
});
