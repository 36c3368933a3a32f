import { Upcasters } from './upcasters';

describe('upcasters', () => {
  const upcasters = new Upcasters()
    .register('UnitRegistered', 1, (data: { name: string }) => ({ ...data, level: 'district' }))
    .register('UnitRegistered', 2, (data: { name: string; level: string }) => ({ ...data, jurisdictionCode: '410105' }));

  it('lifts an old shape one schema version at a time up to the newest', () => {
    expect(upcasters.upcast({ type: 'UnitRegistered', schemaVersion: 1, data: { name: '金水区委' } })).toEqual({
      type: 'UnitRegistered',
      schemaVersion: 3,
      data: { name: '金水区委', level: 'district', jurisdictionCode: '410105' },
    });
  });

  it('starts from the stored version, not from the first', () => {
    expect(upcasters.upcast({ type: 'UnitRegistered', schemaVersion: 2, data: { name: '金水区委', level: 'city' } }).data).toEqual({
      name: '金水区委',
      level: 'city',
      jurisdictionCode: '410105',
    });
  });

  it('leaves current shapes and other types alone', () => {
    const current = { type: 'UnitRegistered', schemaVersion: 3, data: { name: 'x' } };
    expect(upcasters.upcast(current)).toBe(current);
    const other = { type: 'UnitRenamed', schemaVersion: 1, data: { name: 'y' } };
    expect(upcasters.upcast(other)).toBe(other);
  });
});
