import { containsNationalId } from './national-id';

describe('national ID numbers', () => {
  it.each(['11010519491231002X', '11010519491231002x', '410102199003074511', '电话 410102199003074511 转'])(
    'containsNationalId finds %p',
    (text) => {
      expect(containsNationalId(text)).toBe(true);
    },
  );

  it.each([undefined, '', '410102199003074512', '41010219900307451', '0371-66660000', '1234567890123456789'])(
    'containsNationalId ignores %p',
    (text) => {
      expect(containsNationalId(text)).toBe(false);
    },
  );

  it('finds an ID number inside a longer run of digits', () => {
    expect(containsNationalId('9410102199003074511')).toBe(true);
  });

  it.each(['110105491231002', '身份证 110105491231002 号'])('containsNationalId finds the 15-digit number %p', (text) => {
    expect(containsNationalId(text)).toBe(true);
  });

  it.each(['110105491341002', 'a110105491231002', '1101054912310021', '04ab110105491231002cd'])(
    'containsNationalId ignores a 15-digit run with no birth date or inside a longer code: %p',
    (text) => {
      expect(containsNationalId(text)).toBe(false);
    },
  );
});
