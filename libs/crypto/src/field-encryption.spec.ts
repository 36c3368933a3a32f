import { randomBytes } from 'node:crypto';
import { assertSm4KnownAnswer, decryptField, encryptField, FIELD_ENCRYPTION_VERSION } from './field-encryption';

const key = randomBytes(16);
const aad = 'petition:p-1:reporterName';

function alter(token: string, index: number): string {
  const body = Buffer.from(token.slice(FIELD_ENCRYPTION_VERSION.length + 1), 'base64url');
  body[index] ^= 0x01;
  return `${FIELD_ENCRYPTION_VERSION}:${body.toString('base64url')}`;
}

describe('field encryption', () => {
  test('the platform reproduces the GB/T 32907 SM4 example', () => {
    expect(() => assertSm4KnownAnswer()).not.toThrow();
  });

  test('round trip of Chinese text, with a fresh iv each time', () => {
    const plaintext = '张三，身份证号 410102199001011234，电话 13800000000';
    const first = encryptField(key, plaintext, aad);
    const second = encryptField(key, plaintext, aad);
    expect(first).toMatch(/^sm4ctr-hmacsm3\.v1:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(Buffer.from(plaintext).toString('base64url').slice(0, 8));
    expect(decryptField(key, first, aad)).toBe(plaintext);
    expect(decryptField(key, encryptField(key, '', aad), aad)).toBe('');
  });

  test.each([
    ['the iv', 0],
    ['the ciphertext', 16],
    ['the tag', -1],
  ])('a change to %s fails authentication', (_part, index) => {
    const token = encryptField(key, '举报人', aad);
    const length = Buffer.from(token.slice(FIELD_ENCRYPTION_VERSION.length + 1), 'base64url').length;
    expect(() => decryptField(key, alter(token, index < 0 ? length + index : index), aad)).toThrow(
      expect.objectContaining({ code: 'FIELD.AUTHENTICATION_FAILED' }),
    );
  });

  test('the wrong aad or the wrong key fails authentication', () => {
    const token = encryptField(key, '举报人', aad);
    expect(() => decryptField(key, token, 'petition:p-2:reporterName')).toThrow(
      expect.objectContaining({ code: 'FIELD.AUTHENTICATION_FAILED' }),
    );
    expect(() => decryptField(randomBytes(16), token, aad)).toThrow(expect.objectContaining({ code: 'FIELD.AUTHENTICATION_FAILED' }));
  });

  test('an unknown version, a truncated or non-canonical body is FIELD.MALFORMED', () => {
    const token = encryptField(key, '举报人', aad);
    expect(() => decryptField(key, token.replace('.v1:', '.v2:'), aad)).toThrow(expect.objectContaining({ code: 'FIELD.MALFORMED' }));
    expect(() => decryptField(key, token.slice(0, 40), aad)).toThrow(expect.objectContaining({ code: 'FIELD.MALFORMED' }));
    expect(() => decryptField(key, `${token}=`, aad)).toThrow(expect.objectContaining({ code: 'FIELD.MALFORMED' }));
  });

  test('a key that is not 16 bytes is FIELD.KEY_INVALID', () => {
    expect(() => encryptField(randomBytes(32), 'x', aad)).toThrow(expect.objectContaining({ code: 'FIELD.KEY_INVALID' }));
  });
});
