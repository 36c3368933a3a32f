import { claimsFromArgs } from './mint-token';

describe('mint-token arguments', () => {
  it('reads subject, roles, units and ttl', () => {
    expect(claimsFromArgs(['--sub', 'P-1', '--roles', 'unit_officer,auditor', '--units', 'U-1, U-2', '--ttl', '8h'])).toEqual({
      sub: 'P-1',
      roles: ['unit_officer', 'auditor'],
      units: ['U-1', 'U-2'],
      ttl: '8h',
    });
    expect(claimsFromArgs(['--sub', 'P-1', '--ttl', '600']).ttl).toBe(600);
  });

  it('refuses a missing subject, an unknown role and a bad ttl', () => {
    expect(() => claimsFromArgs([])).toThrow(/--sub/);
    expect(() => claimsFromArgs(['--sub', 'P-1', '--roles', 'root'])).toThrow(/unknown role\(s\): root/);
    expect(() => claimsFromArgs(['--sub', 'P-1', '--ttl', 'forever'])).toThrow(/--ttl/);
    expect(() => claimsFromArgs(['--sub', 'P-1', '--admin'])).toThrow();
  });
});
