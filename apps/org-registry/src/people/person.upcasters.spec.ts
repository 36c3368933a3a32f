import { PERSON_UPCASTERS } from './person.upcasters';

describe('Person upcasters', () => {
  it('PersonProfileUpdated 1 → 2: a rename stored without a day is dated by the day it was recorded, in China Standard Time', () => {
    // 16:30 UTC on 30 June is 00:30 on 1 July in China.
    const lifted = PERSON_UPCASTERS.upcast({
      type: 'PersonProfileUpdated',
      schemaVersion: 1,
      data: { staffNumber: 'ZY-0042', name: '张珊', birthYear: 1971 },
      recordedAt: new Date('2024-06-30T16:30:00Z'),
    });
    expect(lifted).toMatchObject({
      schemaVersion: 2,
      data: { staffNumber: 'ZY-0042', name: '张珊', nameEffectiveFrom: '2024-07-01', birthYear: 1971 },
    });
  });

  it('PersonProfileUpdated 1 → 2: an update without a name gains no day', () => {
    const lifted = PERSON_UPCASTERS.upcast({
      type: 'PersonProfileUpdated',
      schemaVersion: 1,
      data: { staffNumber: 'ZY-0042', contact: { phone: '0371-66660001' } },
      recordedAt: new Date('2024-06-30T16:30:00Z'),
    });
    expect(lifted).toMatchObject({ schemaVersion: 2, data: { staffNumber: 'ZY-0042', contact: { phone: '0371-66660001' } } });
    expect(lifted.data).not.toHaveProperty('nameEffectiveFrom');
  });

  it('leaves version 2 as it was recorded', () => {
    const current = {
      type: 'PersonProfileUpdated',
      schemaVersion: 2,
      data: { staffNumber: 'ZY-0042', name: '张珊', nameEffectiveFrom: '2020-01-01' },
      recordedAt: new Date('2024-06-30T16:30:00Z'),
    };
    expect(PERSON_UPCASTERS.upcast(current)).toBe(current);
  });
});
