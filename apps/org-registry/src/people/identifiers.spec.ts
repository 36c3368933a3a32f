import { containsNationalId, isStaffNumber, isUuid } from './identifiers';

describe('identifiers', () => {
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

  it('staff numbers are short ASCII codes', () => {
    expect(['S001', 'ZY-0042', '9'].every(isStaffNumber)).toBe(true);
    expect(['', ' S1', '张三', 'a'.repeat(33), 42].some(isStaffNumber)).toBe(false);
  });

  it('ids from the edge are UUIDs', () => {
    expect(isUuid('55555555-5555-4555-8555-555555555555')).toBe(true);
    expect(isUuid('55555555555545558555555555555555')).toBe(false);
  });
});
