import { fold } from '@app/domain';
import { personDecider, type RegisteredPerson } from './person.decider';
import type { PersonEvent } from './person.events';
import { nameOn, relationsOn, relationsWith, signingKeyOn, signingKeysOn } from './person.queries';

const STAFF = 'ZY-0042';
const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);

const history: PersonEvent[] = [
  { type: 'PersonRegistered', data: { staffNumber: STAFF, name: '张三', gender: 'female', birthYear: 1975, contact: {} } },
  {
    type: 'SigningKeyRegistered',
    data: { staffNumber: STAFF, algorithm: 'ed25519', publicKey: 'c'.repeat(64), fingerprint: OLD, effectiveFrom: '2023-01-01' },
  },
  {
    type: 'SigningKeyRegistered',
    data: { staffNumber: STAFF, algorithm: 'sm2', publicKey: `04${'d'.repeat(128)}`, fingerprint: NEW, effectiveFrom: '2024-03-01' },
  },
  { type: 'SigningKeyRevoked', data: { staffNumber: STAFF, fingerprint: OLD, effectiveFrom: '2024-04-01', reason: 'superseded' } },
  {
    type: 'RelationDeclared',
    data: {
      staffNumber: STAFF,
      relationId: '55555555-5555-4555-8555-555555555555',
      kind: 'kinship',
      unitCode: 'zy-fin',
      kinship: 'sibling',
      effectiveFrom: '2018-01-01',
    },
  },
  {
    type: 'RelationWithdrawn',
    data: { staffNumber: STAFF, relationId: '55555555-5555-4555-8555-555555555555', effectiveTo: '2021-06-30' },
  },
];
const state = fold(personDecider, history);

describe('Person as-of queries', () => {
  it('folds the same state from events read back as JSON from the store', () => {
    expect(fold(personDecider, JSON.parse(JSON.stringify(history)))).toEqual(state);
  });

  it('a key is valid from its first day up to the day before its revocation', () => {
    expect(signingKeysOn(state, '2022-12-31')).toEqual([]);
    expect(signingKeysOn(state, '2024-03-31').map((k) => k.fingerprint)).toEqual([OLD, NEW]);
    expect(signingKeysOn(state, '2024-04-01').map((k) => k.fingerprint)).toEqual([NEW]);
    expect(signingKeyOn(state, OLD, '2024-03-31')?.algorithm).toBe('ed25519');
    expect(signingKeyOn(state, OLD, '2024-04-01')).toBeUndefined();
  });

  it('a withdrawn relation holds up to its last day and stays in the history', () => {
    expect(relationsOn(state, '2021-06-30').map((r) => r.unitCode)).toEqual(['zy-fin']);
    expect(relationsOn(state, '2021-07-01')).toEqual([]);
    expect(relationsWith(state, 'zy-fin')).toHaveLength(1);
    expect(relationsWith(personDecider.initialState(), 'zy-fin')).toEqual([]);
  });

  it('profile updates change only the fields they carry', () => {
    const updated = personDecider.evolve(state, {
      type: 'PersonProfileUpdated',
      schemaVersion: 2,
      data: { staffNumber: STAFF, name: '张珊', nameEffectiveFrom: '2024-07-01' },
    });
    expect(updated).toMatchObject({ name: '张珊', gender: 'female', birthYear: 1975, contact: {} });
  });

  it('a person bears the registered name up to the day before the first rename, and each new name from its day on', () => {
    const renamed = [
      { name: '张珊', nameEffectiveFrom: '2024-07-01' },
      { name: '张姗', nameEffectiveFrom: '2025-01-01' },
    ].reduce(
      (person, data) =>
        personDecider.evolve(person, { type: 'PersonProfileUpdated', schemaVersion: 2, data: { staffNumber: STAFF, ...data } }),
      state,
    ) as RegisteredPerson;
    expect(['1990-01-01', '2024-06-30', '2024-07-01', '2024-12-31', '2025-01-01'].map((day) => nameOn(renamed, day))).toEqual([
      '张三',
      '张三',
      '张珊',
      '张珊',
      '张姗',
    ]);
  });
});
