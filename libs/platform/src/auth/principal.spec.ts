import { type DomainError } from '@app/domain';
import { actsFor, assertActsFor, type Principal } from './principal';

const officer: Principal = { personId: 'P-1', roles: ['unit_officer'], units: ['U-1'] };
const auditor: Principal = { personId: 'P-2', roles: ['auditor'], units: [] };
const admin: Principal = { personId: 'P-3', roles: ['registry_admin'], units: [] };
const commission: Principal = { personId: 'P-4', roles: ['commission_officer'], units: ['C-1'] };

describe('actsFor', () => {
  it('lets a person act for the units in their token only', () => {
    expect(actsFor(officer, 'U-1')).toBe(true);
    expect(actsFor(officer, 'U-2')).toBe(false);
    expect(actsFor(commission, 'U-1', 'read')).toBe(false);
  });

  it('lets an auditor read every unit but act for none', () => {
    expect(actsFor(auditor, 'U-1', 'read')).toBe(true);
    expect(actsFor(auditor, 'U-1', 'write')).toBe(false);
  });

  it('lets a registry admin read and act for every unit', () => {
    expect(actsFor(admin, 'U-9', 'read')).toBe(true);
    expect(actsFor(admin, 'U-9', 'write')).toBe(true);
  });

  it('throws a forbidden DomainError AUTH.FORBIDDEN naming the unit', () => {
    expect(() => assertActsFor(officer, 'U-2')).toThrow(
      expect.objectContaining({ code: 'AUTH.FORBIDDEN', kind: 'forbidden', details: { unit: 'U-2' } }) as DomainError,
    );
    expect(() => assertActsFor(officer, 'U-1')).not.toThrow();
  });
});
