import { isStaffNumber, isUuid } from './identifiers';

describe('identifiers', () => {
  it('staff numbers are short ASCII codes', () => {
    expect(['S001', 'ZY-0042', '9'].every(isStaffNumber)).toBe(true);
    expect(['', ' S1', '张三', 'a'.repeat(33), 42].some(isStaffNumber)).toBe(false);
  });

  it('ids from the edge are UUIDs', () => {
    expect(isUuid('55555555-5555-4555-8555-555555555555')).toBe(true);
    expect(isUuid('55555555555545558555555555555555')).toBe(false);
  });
});
