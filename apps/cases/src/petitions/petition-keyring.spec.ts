import { randomBytes } from 'node:crypto';
import { PetitionKeyConfigError, PetitionKeyring, PetitionKeyUnavailable, petitionFieldAad } from './petition-keyring';

const hex = () => randomBytes(16).toString('hex');
const aad = petitionFieldAad('6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', 'content');

describe('petition keyring', () => {
  it('seals under the active key id and opens what it sealed', () => {
    const ring = PetitionKeyring.parse(`k1:${hex()},k2:${hex()}`, 'k2');
    const sealed = ring.seal('举报内容', aad);
    expect(sealed.kid).toBe('k2');
    expect(sealed.ciphertext).not.toContain('举报');
    expect(ring.open(sealed, aad)).toBe('举报内容');
  });

  it('after rotation, values sealed under the old key still open while the old key stays listed', () => {
    const k1 = hex();
    const before = PetitionKeyring.parse(`k1:${k1}`, 'k1');
    const sealed = before.seal('实名举报人', aad);
    const after = PetitionKeyring.parse(`k1:${k1},k2:${hex()}`, 'k2');
    expect(after.open(sealed, aad)).toBe('实名举报人');
    expect(after.seal('x', aad).kid).toBe('k2');
    const dropped = PetitionKeyring.parse(`k2:${hex()}`, 'k2');
    expect(() => dropped.open(sealed, aad)).toThrow(PetitionKeyUnavailable);
    expect(() => dropped.open(sealed, aad)).toThrow(/key id k1/);
  });

  it('a value moved to another petition or field does not open', () => {
    const ring = PetitionKeyring.parse(`k1:${hex()}`, 'k1');
    const sealed = ring.seal('电话 13800000000', aad);
    expect(() => ring.open(sealed, petitionFieldAad('0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', 'content'))).toThrow(
      expect.objectContaining({ code: 'FIELD.AUTHENTICATION_FAILED' }),
    );
    expect(() => ring.open(sealed, petitionFieldAad('6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', 'reporterName'))).toThrow(
      expect.objectContaining({ code: 'FIELD.AUTHENTICATION_FAILED' }),
    );
  });

  it.each([
    ['no key', '', 'k1', /lists no key/],
    ['a key that is not 32 hex digits', 'k1:abcd', 'k1', /entry 1 is not kid:32-hex-digits/],
    ['a key id twice', `k1:${'0'.repeat(32)},k1:${'1'.repeat(32)}`, 'k1', /twice/],
    ['an active key id not listed', `k1:${'0'.repeat(32)}`, 'k2', /PETITION_ACTIVE_KEY/],
  ])('refuses %s, naming the problem and never a key', (_case, keys, active, message) => {
    expect(() => PetitionKeyring.parse(keys, active)).toThrow(PetitionKeyConfigError);
    expect(() => PetitionKeyring.parse(keys, active)).toThrow(message);
    try {
      PetitionKeyring.parse(keys, active);
    } catch (error) {
      expect((error as Error).message).not.toContain('0'.repeat(32));
    }
  });
});
