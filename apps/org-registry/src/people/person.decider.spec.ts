import { generateKeyPairSync } from 'node:crypto';
import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { PersonCommand } from './person.commands';
import { personDecider, type PersonState, type RegisteredPerson } from './person.decider';
import type {
  PersonEvent,
  PersonProfileUpdated,
  PersonRegistered,
  RelationDeclared,
  SigningKeyRegistered,
  SigningKeyRevoked,
} from './person.events';
import { nameOn } from './person.queries';

const STAFF = 'ZY-0042';
const ED25519_KEY = 'a'.repeat(64);
const SM2_KEY = `04${'b'.repeat(128)}`;
const FINGERPRINT = 'c'.repeat(64);
const OTHER_FINGERPRINT = 'd'.repeat(64);
const RELATION = '55555555-5555-4555-8555-555555555555';
const OTHER_RELATION = '66666666-6666-4666-8666-666666666666';
const NATIONAL_ID = '11010519491231002X';

type DataOf<T extends PersonCommand['type']> = Extract<PersonCommand, { type: T }>['data'];

function command<T extends PersonCommand['type']>(type: T, data: DataOf<T>): PersonCommand {
  return { type, data, metadata: testMetadata() } as PersonCommand;
}

const given = (...events: PersonEvent[]) => deciderSpec(personDecider).given(events);

const registered = (data: Partial<PersonRegistered['data']> = {}): PersonRegistered => ({
  type: 'PersonRegistered',
  data: { staffNumber: STAFF, name: '张三', gender: 'male', birthYear: 1970, contact: { phone: '0371-66660000' }, ...data },
});
const keyRegistered = (data: Partial<SigningKeyRegistered['data']> = {}): SigningKeyRegistered => ({
  type: 'SigningKeyRegistered',
  data: {
    staffNumber: STAFF,
    algorithm: 'ed25519',
    publicKey: ED25519_KEY,
    fingerprint: FINGERPRINT,
    effectiveFrom: '2024-01-01',
    ...data,
  },
});
const keyRevoked = (effectiveFrom = '2024-06-01', reason: SigningKeyRevoked['data']['reason'] = 'compromised'): SigningKeyRevoked => ({
  type: 'SigningKeyRevoked',
  data: { staffNumber: STAFF, fingerprint: FINGERPRINT, effectiveFrom, reason },
});
const relationDeclared = (data: Partial<RelationDeclared['data']> = {}): RelationDeclared => ({
  type: 'RelationDeclared',
  data: {
    staffNumber: STAFF,
    relationId: RELATION,
    kind: 'kinship',
    unitCode: 'zy-fin',
    kinship: 'spouse',
    effectiveFrom: '2018-03-01',
    ...data,
  },
});

/** Today in the tests' metadata (China Standard Time). */
const TODAY = '2024-06-01';
const profileUpdated = (data: Omit<PersonProfileUpdated['data'], 'staffNumber'>): PersonProfileUpdated => ({
  type: 'PersonProfileUpdated',
  schemaVersion: 2,
  data: { staffNumber: STAFF, ...data } as PersonProfileUpdated['data'],
});

const register = (data: Partial<DataOf<'RegisterPerson'>> = {}) =>
  command('RegisterPerson', {
    staffNumber: STAFF,
    name: '张三',
    gender: 'male',
    birthYear: 1970,
    contact: { phone: '0371-66660000' },
    ...data,
  });
const update = (data: Partial<DataOf<'UpdatePersonProfile'>>) => command('UpdatePersonProfile', { staffNumber: STAFF, ...data });
const registerKey = (data: Partial<DataOf<'RegisterSigningKey'>> = {}) =>
  command('RegisterSigningKey', {
    staffNumber: STAFF,
    algorithm: 'ed25519',
    publicKey: ED25519_KEY,
    fingerprint: FINGERPRINT,
    effectiveFrom: '2024-01-01',
    ...data,
  });
const revokeKey = (data: Partial<DataOf<'RevokeSigningKey'>> = {}) =>
  command('RevokeSigningKey', {
    staffNumber: STAFF,
    fingerprint: FINGERPRINT,
    effectiveFrom: '2024-06-01',
    reason: 'compromised',
    ...data,
  });
const declare = (data: Partial<DataOf<'DeclareRelation'>> = {}) =>
  command('DeclareRelation', {
    staffNumber: STAFF,
    relationId: RELATION,
    kind: 'kinship',
    unitCode: 'zy-fin',
    kinship: 'spouse',
    effectiveFrom: '2018-03-01',
    ...data,
  });
const withdraw = (effectiveTo: string, relationId = RELATION) =>
  command('WithdrawRelation', { staffNumber: STAFF, relationId, effectiveTo });

function pem(derHex: string): string {
  const body = Buffer.from(derHex, 'hex')
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
}

describe('Person decider', () => {
  describe('registering', () => {
    it('registers a person with staff number, name, gender, birth year and contact', () => {
      given().when(register()).then([registered()]);
    });

    it('drops blank contact fields', () => {
      given()
        .when(register({ contact: { phone: ' ', email: 'zhang@example.cn' } }))
        .then([registered({ contact: { email: 'zhang@example.cn' } })]);
    });

    it('registers a person without contact details', () => {
      given()
        .when(register({ contact: undefined }))
        .then([registered({ contact: {} })]);
    });

    it('PERSON.DUPLICATE_STAFF_NUMBER: a staff number is registered once', () => {
      given(registered())
        .when(register({ name: '李四' }))
        .thenThrows('PERSON.DUPLICATE_STAFF_NUMBER', 'conflict');
    });

    it.each(['', 'has space', '-0042', 'x'.repeat(33), '张三'])('PERSON.INVALID_STAFF_NUMBER: %p is not a staff number', (staffNumber) => {
      given().when(register({ staffNumber })).thenThrows('PERSON.INVALID_STAFF_NUMBER');
    });

    it('PERSON.NATIONAL_ID_NOT_ALLOWED: a national ID number is never used as a staff number', () => {
      given()
        .when(register({ staffNumber: NATIONAL_ID }))
        .thenThrows('PERSON.NATIONAL_ID_NOT_ALLOWED');
    });

    it('PERSON.NATIONAL_ID_NOT_ALLOWED: contact details cannot carry a national ID number', () => {
      given()
        .when(register({ contact: { phone: '410102199003074511' } }))
        .thenThrows('PERSON.NATIONAL_ID_NOT_ALLOWED');
    });

    it.each(['', '  ', '名'.repeat(65)])('PERSON.INVALID_NAME: %p is not a name', (name) => {
      given().when(register({ name })).thenThrows('PERSON.INVALID_NAME');
    });

    it('PERSON.INVALID_GENDER: gender is male or female', () => {
      given()
        .when(register({ gender: 'M' }))
        .thenThrows('PERSON.INVALID_GENDER');
    });

    it.each([1899, 2025, 1970.5, Number.NaN])(
      'PERSON.INVALID_BIRTH_YEAR: %p is not a plausible birth year (today is 2024-06-01)',
      (birthYear) => {
        given().when(register({ birthYear })).thenThrows('PERSON.INVALID_BIRTH_YEAR');
      },
    );

    it.each([{ phone: 'call me' }, { phone: '12' }, { email: 'not-an-email' }, { email: 'a@b' }])(
      'PERSON.INVALID_CONTACT: %p is not a valid contact',
      (contact) => {
        given().when(register({ contact })).thenThrows('PERSON.INVALID_CONTACT');
      },
    );
  });

  describe('operations on a person who is not registered', () => {
    const commands: PersonCommand[] = [update({ name: '李四' }), registerKey(), revokeKey(), declare(), withdraw('2020-01-01')];
    it.each(commands.map((c) => [c.type, c] as const))('PERSON.NOT_FOUND: %s on an unregistered person', (_, c) => {
      given().when(c).thenThrows('PERSON.NOT_FOUND', 'not_found');
    });
  });

  describe('updating the profile', () => {
    it('records only the fields that changed', () => {
      given(registered())
        .when(update({ name: '张三丰', gender: 'male', birthYear: 1971 }))
        .then([profileUpdated({ name: '张三丰', nameEffectiveFrom: TODAY, birthYear: 1971 })]);
    });

    it('replaces the whole contact record', () => {
      given(registered())
        .when(update({ contact: { email: 'zhang@example.cn' } }))
        .then([profileUpdated({ contact: { email: 'zhang@example.cn' } })]);
    });

    it('an update that changes nothing records nothing', () => {
      given(registered())
        .when(update({ name: ' 张三 ', contact: { phone: '0371-66660000' } }))
        .thenNothing();
    });

    it('PERSON.INVALID_NAME: updates are checked like registrations', () => {
      given(registered())
        .when(update({ name: '' }))
        .thenThrows('PERSON.INVALID_NAME');
    });

    it('PERSON.NATIONAL_ID_NOT_ALLOWED: an update cannot put a national ID number in the contact', () => {
      given(registered())
        .when(update({ contact: { phone: '410102199003074511' } }))
        .thenThrows('PERSON.NATIONAL_ID_NOT_ALLOWED');
    });
  });

  describe('renaming from a day', () => {
    const renamed = (name: string, nameEffectiveFrom: string) => profileUpdated({ name, nameEffectiveFrom });
    const namesOf = (state: PersonState) => (state.status === 'registered' ? { name: state.name, names: state.names } : undefined);

    it('a rename without a day takes effect today (China Standard Time)', () => {
      // 2024-06-01T02:00Z is 10:00 on 2024-06-01 in China; 2024-05-31T17:00Z is already 01:00 on 2024-06-01 there.
      given(registered())
        .when(update({ name: '张珊' }))
        .then([renamed('张珊', '2024-06-01')]);
      const lateEvening = { ...update({ name: '张珊' }), metadata: testMetadata({ now: new Date('2024-05-31T17:00:00Z') }) };
      given(registered())
        .when(lateEvening)
        .then([renamed('张珊', '2024-06-01')]);
    });

    it('a rename may be back-dated; the registered name holds before it and the new one from its day on', () => {
      const state = given(registered())
        .when(update({ name: '张珊', effectiveFrom: '2024-03-01' }))
        .then([renamed('张珊', '2024-03-01')]);
      expect(namesOf(state)).toEqual({ name: '张珊', names: [{ name: '张三' }, { name: '张珊', from: '2024-03-01' }] });
      expect([nameOn(state as RegisteredPerson, '2024-02-29'), nameOn(state as RegisteredPerson, '2024-03-01')]).toEqual(['张三', '张珊']);
    });

    it('a rename back-dated before a later one holds up to the later one, which stays the latest name', () => {
      const state = given(registered(), renamed('李四', '2024-05-01'))
        .when(update({ name: '张珊', effectiveFrom: '2021-01-01' }))
        .then([renamed('张珊', '2021-01-01')]);
      expect(namesOf(state)).toEqual({
        name: '李四',
        names: [{ name: '张三' }, { name: '张珊', from: '2021-01-01' }, { name: '李四', from: '2024-05-01' }],
      });
    });

    it('a second rename from the same day corrects the first', () => {
      const state = given(registered(), renamed('张删', '2024-03-01'))
        .when(update({ name: '张珊', effectiveFrom: '2024-03-01' }))
        .then([renamed('张珊', '2024-03-01')]);
      expect(namesOf(state)).toEqual({ name: '张珊', names: [{ name: '张三' }, { name: '张珊', from: '2024-03-01' }] });
    });

    it('correcting a rename back to the name borne before it withdraws the rename', () => {
      const state = given(registered(), renamed('张删', '2024-03-01'))
        .when(update({ name: '张三', effectiveFrom: '2024-03-01' }))
        .then([renamed('张三', '2024-03-01')]);
      expect(namesOf(state)).toEqual({ name: '张三', names: [{ name: '张三' }] });
    });

    it('a rename to the name already borne that day records nothing', () => {
      given(registered())
        .when(update({ name: '张三', effectiveFrom: '2020-01-01' }))
        .thenNothing();
      given(registered(), renamed('张珊', '2024-03-01'))
        .when(update({ name: '张珊', effectiveFrom: '2024-05-01' }))
        .thenNothing();
    });

    it('the name borne that day, not the latest, decides whether a rename changes anything', () => {
      given(registered(), renamed('张珊', '2024-03-01'))
        .when(update({ name: '张三', effectiveFrom: '2024-04-01' }))
        .then([renamed('张三', '2024-04-01')]);
      given(registered(), renamed('张珊', '2024-03-01'))
        .when(update({ name: '张珊', effectiveFrom: '2024-01-01' }))
        .then([renamed('张珊', '2024-01-01')]);
    });

    it('a rename comes with the other changes of the update, and only the name is dated', () => {
      given(registered())
        .when(update({ name: '张珊', effectiveFrom: '2024-03-01', birthYear: 1971 }))
        .then([profileUpdated({ name: '张珊', nameEffectiveFrom: '2024-03-01', birthYear: 1971 })]);
    });

    it('PERSON.RENAME_IN_FUTURE: a rename is recorded once it has happened, not planned ahead', () => {
      given(registered())
        .when(update({ name: '张珊', effectiveFrom: '2024-06-02' }))
        .thenThrows('PERSON.RENAME_IN_FUTURE');
    });

    it('PERSON.EFFECTIVE_FROM_WITHOUT_NAME: a day dates a new name, and goes with one', () => {
      given(registered())
        .when(update({ birthYear: 1971, effectiveFrom: '2024-03-01' }))
        .thenThrows('PERSON.EFFECTIVE_FROM_WITHOUT_NAME');
    });

    it('DATE.INVALID: a rename takes effect from a calendar day', () => {
      given(registered())
        .when(update({ name: '张珊', effectiveFrom: '2024-02-30' }))
        .thenThrows('DATE.INVALID');
    });
  });

  describe('signing keys', () => {
    it('registers an Ed25519 key from a day', () => {
      given(registered()).when(registerKey()).then([keyRegistered()]);
    });

    it('registers an SM2 key, uncompressed or compressed', () => {
      given(registered())
        .when(registerKey({ algorithm: 'sm2', publicKey: SM2_KEY }))
        .then([keyRegistered({ algorithm: 'sm2', publicKey: SM2_KEY })]);
      const compressed = `03${'e'.repeat(64)}`;
      given(registered())
        .when(registerKey({ algorithm: 'sm2', publicKey: compressed }))
        .then([keyRegistered({ algorithm: 'sm2', publicKey: compressed })]);
    });

    it('registers a key given as a PEM SubjectPublicKeyInfo', () => {
      const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
      given(registered())
        .when(registerKey({ publicKey: ed25519 }))
        .then([keyRegistered({ publicKey: ed25519 })]);
      const sm2 = pem(`3059301306072a8648ce3d020106082a811ccf5501822d034200${SM2_KEY}`);
      given(registered())
        .when(registerKey({ algorithm: 'sm2', publicKey: sm2 }))
        .then([keyRegistered({ algorithm: 'sm2', publicKey: sm2 })]);
    });

    it('a person may hold several valid keys', () => {
      given(registered(), keyRegistered())
        .when(registerKey({ algorithm: 'sm2', publicKey: SM2_KEY, fingerprint: OTHER_FINGERPRINT }))
        .then([keyRegistered({ algorithm: 'sm2', publicKey: SM2_KEY, fingerprint: OTHER_FINGERPRINT })]);
    });

    it('KEY.UNSUPPORTED_ALGORITHM: keys are Ed25519 or SM2', () => {
      given(registered())
        .when(registerKey({ algorithm: 'rsa' }))
        .thenThrows('KEY.UNSUPPORTED_ALGORITHM');
    });

    it.each([
      ['a short Ed25519 key', 'ed25519', 'a'.repeat(62)],
      ['an Ed25519 key in upper case', 'ed25519', 'A'.repeat(64)],
      ['an Ed25519 key given as SM2', 'sm2', 'a'.repeat(64)],
      ['an SM2 point without its prefix', 'sm2', 'b'.repeat(130)],
      ['a P-256 key given as SM2', 'sm2', pem(`3059301306072a8648ce3d020106082a8648ce3d030107034200${SM2_KEY}`)],
      ['an SM2 PEM given as Ed25519', 'ed25519', pem(`3059301306072a8648ce3d020106082a811ccf5501822d034200${SM2_KEY}`)],
      ['a truncated PEM', 'ed25519', '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----'],
      ['text', 'ed25519', 'not a key'],
    ])('KEY.MALFORMED: %s is rejected', (_, algorithm, publicKey) => {
      given(registered()).when(registerKey({ algorithm, publicKey })).thenThrows('KEY.MALFORMED');
    });

    it.each(['c'.repeat(63), 'C'.repeat(64), 'sha256:abc'])(
      'KEY.MALFORMED: fingerprint %p is not 64 lowercase hex characters',
      (fingerprint) => {
        given(registered()).when(registerKey({ fingerprint })).thenThrows('KEY.MALFORMED');
      },
    );

    it('DATE.INVALID: a key is valid from a calendar day', () => {
      given(registered())
        .when(registerKey({ effectiveFrom: '2024-02-30' }))
        .thenThrows('DATE.INVALID');
    });

    it('KEY.DUPLICATE_FINGERPRINT: a key fingerprint is registered once', () => {
      given(registered(), keyRegistered())
        .when(registerKey({ effectiveFrom: '2024-03-01' }))
        .thenThrows('KEY.DUPLICATE_FINGERPRINT', 'conflict');
    });

    it('KEY.REVOKED: a revoked key cannot be registered again', () => {
      given(registered(), keyRegistered(), keyRevoked())
        .when(registerKey({ effectiveFrom: '2024-07-01' }))
        .thenThrows('KEY.REVOKED', 'conflict');
    });

    it('revokes a key from a day with a reason', () => {
      given(registered(), keyRegistered()).when(revokeKey()).then([keyRevoked()]);
    });

    it('a key may be revoked on the day it became valid', () => {
      given(registered(), keyRegistered())
        .when(revokeKey({ effectiveFrom: '2024-01-01', reason: 'superseded' }))
        .then([keyRevoked('2024-01-01', 'superseded')]);
    });

    it('KEY.NOT_FOUND: only a registered key can be revoked', () => {
      given(registered(), keyRegistered())
        .when(revokeKey({ fingerprint: OTHER_FINGERPRINT }))
        .thenThrows('KEY.NOT_FOUND', 'not_found');
    });

    it('KEY.REVOKED: a revoked key cannot be revoked again', () => {
      given(registered(), keyRegistered(), keyRevoked())
        .when(revokeKey({ effectiveFrom: '2024-07-01' }))
        .thenThrows('KEY.REVOKED', 'conflict');
    });

    it('KEY.REVOCATION_BEFORE_VALIDITY: a key cannot be revoked before it became valid', () => {
      given(registered(), keyRegistered())
        .when(revokeKey({ effectiveFrom: '2023-12-31' }))
        .thenThrows('KEY.REVOCATION_BEFORE_VALIDITY');
    });

    it('KEY.INVALID_REASON: the reason must be one of the revocation reasons', () => {
      given(registered(), keyRegistered())
        .when(revokeKey({ reason: 'whim' }))
        .thenThrows('KEY.INVALID_REASON');
    });

    it('DATE.INVALID: a key is revoked from a calendar day', () => {
      given(registered(), keyRegistered())
        .when(revokeKey({ effectiveFrom: 'tomorrow' }))
        .thenThrows('DATE.INVALID');
    });
  });

  describe('declared relations', () => {
    it('declares a kinship with a unit from a day', () => {
      given(registered()).when(declare()).then([relationDeclared()]);
    });

    it('declares a former post in a unit with its period and a note', () => {
      given(registered())
        .when(
          declare({ kind: 'former_post', kinship: undefined, effectiveFrom: '2010-01-01', effectiveTo: '2013-12-31', note: '曾任副局长' }),
        )
        .then([
          {
            type: 'RelationDeclared',
            data: {
              staffNumber: STAFF,
              relationId: RELATION,
              kind: 'former_post',
              unitCode: 'zy-fin',
              effectiveFrom: '2010-01-01',
              effectiveTo: '2013-12-31',
              note: '曾任副局长',
            },
          },
        ]);
    });

    it('RELATION.INVALID_ID: the relation id is a UUID', () => {
      given(registered())
        .when(declare({ relationId: 'r1' }))
        .thenThrows('RELATION.INVALID_ID');
    });

    it('RELATION.DUPLICATE_ID: a relation id is used once', () => {
      given(registered(), relationDeclared())
        .when(declare({ unitCode: 'zy-edu' }))
        .thenThrows('RELATION.DUPLICATE_ID', 'conflict');
    });

    it('RELATION.INVALID_KIND: a relation is a kinship or a former post', () => {
      given(registered())
        .when(declare({ kind: 'friendship' }))
        .thenThrows('RELATION.INVALID_KIND');
    });

    it('UNIT.INVALID_CODE: the unit is named by its code', () => {
      given(registered())
        .when(declare({ unitCode: '财政局' }))
        .thenThrows('UNIT.INVALID_CODE');
    });

    it('RELATION.INVALID_KINSHIP: a kinship names its degree', () => {
      given(registered())
        .when(declare({ kinship: undefined }))
        .thenThrows('RELATION.INVALID_KINSHIP');
      given(registered())
        .when(declare({ kinship: 'neighbour' }))
        .thenThrows('RELATION.INVALID_KINSHIP');
    });

    it('RELATION.INVALID_KINSHIP: a former post has no kinship degree', () => {
      given(registered())
        .when(declare({ kind: 'former_post', effectiveTo: '2019-01-01' }))
        .thenThrows('RELATION.INVALID_KINSHIP');
    });

    it('RELATION.END_REQUIRED: a former post has ended', () => {
      given(registered())
        .when(declare({ kind: 'former_post', kinship: undefined }))
        .thenThrows('RELATION.END_REQUIRED');
    });

    it('RELATION.END_BEFORE_START: a relation cannot end before it starts', () => {
      given(registered())
        .when(declare({ effectiveTo: '2018-02-28' }))
        .thenThrows('RELATION.END_BEFORE_START');
    });

    it('DATE.INVALID: relation dates are calendar days', () => {
      given(registered())
        .when(declare({ effectiveTo: '2018-04-31' }))
        .thenThrows('DATE.INVALID');
    });

    it('RELATION.ALREADY_DECLARED: the same relation to a unit is not declared twice for overlapping periods', () => {
      given(registered(), relationDeclared())
        .when(declare({ relationId: OTHER_RELATION, effectiveFrom: '2020-01-01' }))
        .thenThrows('RELATION.ALREADY_DECLARED', 'conflict');
    });

    it('a different degree of kinship to the same unit is another relation', () => {
      given(registered(), relationDeclared())
        .when(declare({ relationId: OTHER_RELATION, kinship: 'child' }))
        .then([relationDeclared({ relationId: OTHER_RELATION, kinship: 'child' })]);
    });

    it('PERSON.NATIONAL_ID_NOT_ALLOWED: a note cannot carry a national ID number', () => {
      given(registered())
        .when(declare({ note: `配偶 ${NATIONAL_ID}` }))
        .thenThrows('PERSON.NATIONAL_ID_NOT_ALLOWED');
    });

    it('withdraws a relation that no longer holds, after its last day', () => {
      given(registered(), relationDeclared())
        .when(withdraw('2021-06-30'))
        .then([{ type: 'RelationWithdrawn', data: { staffNumber: STAFF, relationId: RELATION, effectiveTo: '2021-06-30' } }]);
    });

    it('RELATION.NOT_FOUND: only a declared relation can be withdrawn', () => {
      given(registered(), relationDeclared()).when(withdraw('2021-06-30', OTHER_RELATION)).thenThrows('RELATION.NOT_FOUND', 'not_found');
    });

    it('RELATION.ALREADY_ENDED: an ended relation cannot be withdrawn', () => {
      given(registered(), relationDeclared({ kind: 'former_post', kinship: undefined, effectiveTo: '2019-01-01' }))
        .when(withdraw('2021-06-30'))
        .thenThrows('RELATION.ALREADY_ENDED', 'conflict');
    });

    it('RELATION.END_BEFORE_START: a relation cannot be withdrawn before it started', () => {
      given(registered(), relationDeclared()).when(withdraw('2018-02-28')).thenThrows('RELATION.END_BEFORE_START');
    });
  });

  describe('erasing personal data', () => {
    const erase = (data: Partial<DataOf<'ErasePersonalData'>> = {}) =>
      command('ErasePersonalData', { staffNumber: STAFF, legalBasis: 'pipl_art47_consent_withdrawn', note: '申请编号 2024-01', ...data });
    const erased: PersonEvent = {
      type: 'PersonalDataErased',
      data: { staffNumber: STAFF, legalBasis: 'pipl_art47_consent_withdrawn', note: '申请编号 2024-01', erasedOn: '2024-06-01' },
    };

    it('records the erasure with its legal basis and none of the personal data, and the state forgets it', () => {
      const state = given(registered(), relationDeclared({ note: '配偶' }))
        .when(erase())
        .then([erased]);
      expect(state).toMatchObject({ name: '张三', gender: null, birthYear: null, contact: {}, personalDataErased: { on: '2024-06-01' } });
      expect(state.status === 'registered' && state.relations[0]).not.toHaveProperty('note');
    });

    it('folds events whose values read back as erased (null) to the same state', () => {
      const unreadable = {
        ...registered(),
        data: { ...registered().data, gender: null, birthYear: null, contact: null },
      } as unknown as PersonEvent;
      expect(given(unreadable, erased).state).toEqual(given(registered(), erased).state);
    });

    it('erasing again records nothing', () => {
      given(registered(), erased).when(erase()).thenNothing();
    });

    it('PERSON.INVALID_LEGAL_BASIS: only the grounds of PIPL art. 47', () => {
      given(registered())
        .when(erase({ legalBasis: 'asked nicely' }))
        .thenThrows('PERSON.INVALID_LEGAL_BASIS');
    });

    it('PERSON.ERASURE_NOTE_REQUIRED: an erasure says which request it answers', () => {
      given(registered())
        .when(erase({ note: '  ' }))
        .thenThrows('PERSON.ERASURE_NOTE_REQUIRED');
    });

    it('PERSON.NOT_FOUND: only a registered person', () => {
      given().when(erase()).thenThrows('PERSON.NOT_FOUND');
    });

    it('PERSON.PERSONAL_DATA_ERASED: no personal data is recorded again; the name still changes', () => {
      given(registered(), erased)
        .when(update({ contact: { phone: '0371-66660001' } }))
        .thenThrows('PERSON.PERSONAL_DATA_ERASED');
      given(registered(), erased)
        .when(update({ birthYear: 1971 }))
        .thenThrows('PERSON.PERSONAL_DATA_ERASED');
      given(registered(), erased)
        .when(declare({ note: '配偶' }))
        .thenThrows('PERSON.PERSONAL_DATA_ERASED');
      given(registered(), erased)
        .when(update({ name: '张三丰' }))
        .then([profileUpdated({ name: '张三丰', nameEffectiveFrom: TODAY })]);
    });
  });
});
