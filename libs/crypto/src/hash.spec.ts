import { assertSha256KnownAnswer, assertSm3KnownAnswer, hash } from './hash';

describe('hash', () => {
  test('the platform reproduces the GB/T 32905 SM3 and FIPS 180-4 SHA-256 examples', () => {
    expect(() => assertSm3KnownAnswer()).not.toThrow();
    expect(() => assertSha256KnownAnswer()).not.toThrow();
  });

  test('a string is hashed as its UTF-8 bytes', () => {
    expect(hash('sm3', '两个责任')).toEqual(hash('sm3', Buffer.from('两个责任', 'utf8')));
    expect(hash('sha256', 'abc').toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
