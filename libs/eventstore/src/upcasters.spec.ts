import { Upcasters } from './upcasters';

const recordedAt = new Date('2024-03-05T17:30:00Z');

describe('upcasters', () => {
  const upcasters = new Upcasters()
    .register('UnitRegistered', 1, (data: { name: string }) => ({ ...data, level: 'district' }))
    .register('UnitRegistered', 2, (data: { name: string; level: string }) => ({ ...data, jurisdictionCode: '410105' }));

  it('lifts an old shape one schema version at a time up to the newest', () => {
    expect(upcasters.upcast({ type: 'UnitRegistered', schemaVersion: 1, data: { name: '金水区委' }, recordedAt })).toEqual({
      type: 'UnitRegistered',
      schemaVersion: 3,
      data: { name: '金水区委', level: 'district', jurisdictionCode: '410105' },
      recordedAt,
    });
  });

  it('starts from the stored version, not from the first', () => {
    expect(
      upcasters.upcast({ type: 'UnitRegistered', schemaVersion: 2, data: { name: '金水区委', level: 'city' }, recordedAt }).data,
    ).toEqual({
      name: '金水区委',
      level: 'city',
      jurisdictionCode: '410105',
    });
  });

  it('leaves current shapes and other types alone', () => {
    const current = { type: 'UnitRegistered', schemaVersion: 3, data: { name: 'x' }, recordedAt };
    expect(upcasters.upcast(current)).toBe(current);
    const other = { type: 'UnitRenamed', schemaVersion: 1, data: { name: 'y' }, recordedAt };
    expect(upcasters.upcast(other)).toBe(other);
  });

  it('gives each step the time the event was recorded, to date an old shape that carried no date', () => {
    const dated = new Upcasters().register('NameChanged', 1, (data: { name: string }, event) => ({
      ...data,
      effectiveFrom: event.recordedAt.toISOString().slice(0, 10),
    }));
    expect(dated.upcast({ type: 'NameChanged', schemaVersion: 1, data: { name: '乙' }, recordedAt }).data).toEqual({
      name: '乙',
      effectiveFrom: '2024-03-05',
    });
  });
});
