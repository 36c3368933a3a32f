import { unsafeText } from './validation';

describe('text the platform refuses at the edge', () => {
  it('names the field holding a NUL character or a lone surrogate', () => {
    expect(unsafeText({ name: '金水区委', rows: [{ code: 'A' }, { code: 'B\u0000' }] })).toBe('rows[1].code');
    expect(unsafeText({ note: 'x\ud800y' })).toBe('note');
    expect(unsafeText('a\u0000b', 'code')).toBe('code');
    expect(unsafeText({ ['k\u0000']: 1 })).toBe('k\u0000');
  });

  it('passes well-formed text, including Chinese and characters outside the BMP', () => {
    expect(unsafeText({ name: '郑州市纪委监委', emoji: '𠀀📄', n: 3, flag: true, nothing: null })).toBeUndefined();
  });
});
