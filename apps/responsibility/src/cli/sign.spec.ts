import { generateKeyPairSync } from 'node:crypto';
import { canonicalContentHash, verifySignOff } from '@app/signoffs';
import { signArgs, signOffRequest, type SignArgs } from './sign';
import { loadSigningKey } from '@app/crypto';

const DOC = '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e01';
const CONTENT = { title: '2024年度党风廉政建设责任分工', body: '区委书记对全区党风廉政建设负总责。' };
const ARGS = [
  '--key',
  'key.pem',
  '--doc',
  `${DOC}@2`,
  '--role',
  'main_responsibility',
  '--staff',
  'S001',
  '--url',
  'http://localhost:3000/',
  '--token',
  't',
];

describe('sign CLI arguments', () => {
  it('reads the key file, the document version, the role, the signer, the opinion and the service', () => {
    expect(signArgs([...ARGS, '--opinion', '经审阅，同意。'])).toEqual({
      keyFile: 'key.pem',
      algorithm: undefined,
      documentId: DOC,
      version: 2,
      role: 'main_responsibility',
      staffNumber: 'S001',
      opinion: '经审阅，同意。',
      url: 'http://localhost:3000',
      token: 't',
      dryRun: false,
    });
  });

  it('reads the opinion from a file as written, less the final newline an editor adds', () => {
    const args = signArgs([...ARGS, '--opinion-file', 'opinion.txt'], () => '经审阅，\n同意。\n');
    expect(args.opinion).toBe('经审阅，\n同意。');
  });

  it.each([
    ['a missing option', ARGS.slice(2), /missing --key/],
    ['a document without its version', [...ARGS, '--doc', DOC, '--opinion', '同意'], /<documentId>@<version>/],
    ['version 0', [...ARGS, '--doc', `${DOC}@0`, '--opinion', '同意'], /<documentId>@<version>/],
    ['an unknown role', [...ARGS, '--role', 'witness', '--opinion', '同意'], /sign-off role/],
    ['no opinion', ARGS, /--opinion or --opinion-file/],
    ['two opinions', [...ARGS, '--opinion', '同意', '--opinion-file', 'o.txt'], /--opinion or --opinion-file/],
  ])('refuses %s', (_case, args, message) => {
    expect(() => signArgs(args, () => '同意')).toThrow(message);
  });
});

describe('the sign-off request', () => {
  const pair = generateKeyPairSync('ed25519');
  const key = loadSigningKey(pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  const args: SignArgs = signArgs([...ARGS, '--opinion', '经审阅，同意。']);
  const version = { documentId: DOC, version: 2, contentHash: canonicalContentHash(CONTENT), content: CONTENT };

  it('carries a signature the platform verifies over the statement for that version', () => {
    const request = signOffRequest(args, key, version);
    expect(request).toMatchObject({
      role: 'main_responsibility',
      signerStaffNumber: 'S001',
      opinion: '经审阅，同意。',
      algorithm: 'ed25519',
      keyFingerprint: key.fingerprint,
      contentHash: version.contentHash,
    });
    const claim = {
      documentId: DOC,
      version: 2,
      contentHash: version.contentHash,
      role: request.role,
      signerStaffNumber: 'S001',
      opinion: request.opinion,
    };
    expect(verifySignOff(claim, request.signature, { algorithm: 'ed25519', publicKey: key.publicKey })).toBe(true);
  });

  it('signs nothing when the content returned does not hash to the content hash returned', () => {
    expect(() => signOffRequest(args, key, { ...version, content: { ...CONTENT, body: '篡改后的正文。' } })).toThrow(/does not hash/);
  });

  it('signs nothing when the service returns another version', () => {
    expect(() => signOffRequest(args, key, { ...version, version: 3 })).toThrow(/not 0b7e1f1e/);
  });
});
