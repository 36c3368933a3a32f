import { DomainError, chinaDay, containsNationalId, isOneOf, overlaps, requireDay, rule, unreachable, type Decider } from '@app/domain';
import { isUnitCode } from '../units/unit-kinds';
import { isStaffNumber, isUuid } from './identifiers';
import { nameOn } from './person.queries';
import type {
  ContactInput,
  DeclareRelation,
  ErasePersonalData,
  PersonCommand,
  RegisterPerson,
  RegisterSigningKey,
  RevokeSigningKey,
  UpdatePersonProfile,
  WithdrawRelation,
} from './person.commands';
import {
  ERASURE_LEGAL_BASES,
  GENDERS,
  KEY_REVOCATION_REASONS,
  KINSHIP_DEGREES,
  PERSON_PROFILE_UPDATED_VERSION,
  RELATION_KINDS,
  SIGNING_ALGORITHMS,
  type Contact,
  type ErasureLegalBasis,
  type Gender,
  type KeyRevocationReason,
  type KinshipDegree,
  type PersonEvent,
  type RelationKind,
  type SigningAlgorithm,
} from './person.events';

export interface SigningKey {
  readonly algorithm: SigningAlgorithm;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly from: string;
  /** First day the key is no longer valid. */
  readonly revokedFrom?: string;
  readonly revocationReason?: KeyRevocationReason;
}

export interface Relation {
  readonly relationId: string;
  readonly kind: RelationKind;
  readonly unitCode: string;
  readonly kinship?: KinshipDegree;
  readonly from: string;
  readonly to?: string;
  readonly note?: string;
}

/** A name and the first day it was borne; the name registered with the person has no first day (borne before any rename). */
export interface PersonName {
  readonly name: string;
  readonly from?: string;
}

export interface AbsentPerson {
  readonly status: 'absent';
}

export interface RegisteredPerson {
  readonly status: 'registered';
  readonly staffNumber: string;
  /** The latest name: renames are not dated after the day they are recorded, so the name borne today. */
  readonly name: string;
  /** Every name with its first day, oldest first (`nameOn` reads the one borne on a day). */
  readonly names: readonly PersonName[];
  /** Null once the personal data is erased. */
  readonly gender: Gender | null;
  readonly birthYear: number | null;
  readonly contact: Contact;
  readonly keys: readonly SigningKey[];
  readonly relations: readonly Relation[];
  /** Set once gender, birth year, contact and relation notes were erased; none can be recorded again. */
  readonly personalDataErased?: { readonly legalBasis: ErasureLegalBasis; readonly on: string };
}

export type PersonState = AbsentPerson | RegisteredPerson;

const MAX_NAME_LENGTH = 64;
const MAX_NOTE_LENGTH = 500;
const EARLIEST_BIRTH_YEAR = 1900;
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const HEX_DIGEST = /^[0-9a-f]{64}$/;
const RAW_KEY: Readonly<Record<SigningAlgorithm, RegExp>> = {
  ed25519: /^[0-9a-f]{64}$/,
  sm2: /^(04[0-9a-f]{128}|0[23][0-9a-f]{64})$/,
};
/** DER prefix of a SubjectPublicKeyInfo before the raw key, and the whole length in bytes. */
const SPKI: Readonly<Record<SigningAlgorithm, { readonly prefix: string; readonly length: number }>> = {
  ed25519: { prefix: '302a300506032b6570032100', length: 44 },
  sm2: { prefix: '3059301306072a8648ce3d020106082a811ccf5501822d03420004', length: 91 },
};
const PEM = /^-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)\r?\n-----END PUBLIC KEY-----\s*$/;

export const personDecider: Decider<PersonState, PersonCommand, PersonEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: PersonCommand, state: PersonState): readonly PersonEvent[] {
  switch (command.type) {
    case 'RegisterPerson':
      return registerPerson(command.data, state, chinaDay(command.metadata.now));
    case 'UpdatePersonProfile':
      return updateProfile(command.data, registered(state), chinaDay(command.metadata.now));
    case 'RegisterSigningKey':
      return registerSigningKey(command.data, registered(state));
    case 'RevokeSigningKey':
      return revokeSigningKey(command.data, registered(state));
    case 'DeclareRelation':
      return declareRelation(command.data, registered(state));
    case 'WithdrawRelation':
      return withdrawRelation(command.data, registered(state));
    case 'ErasePersonalData':
      return erasePersonalData(command.data, registered(state), chinaDay(command.metadata.now));
    default:
      return unreachable(command);
  }
}

function registerPerson(data: RegisterPerson['data'], state: PersonState, today: string): readonly PersonEvent[] {
  rule(state.status === 'absent', 'PERSON.DUPLICATE_STAFF_NUMBER', `staff number ${data.staffNumber} is already registered`, 'conflict');
  rule(!containsNationalId(data.staffNumber), 'PERSON.NATIONAL_ID_NOT_ALLOWED', 'a national ID number cannot be used as a staff number');
  rule(isStaffNumber(data.staffNumber), 'PERSON.INVALID_STAFF_NUMBER', `${String(data.staffNumber)} is not a valid staff number`);
  return [
    {
      type: 'PersonRegistered',
      data: {
        staffNumber: data.staffNumber,
        name: validName(data.name),
        gender: validGender(data.gender),
        birthYear: validBirthYear(data.birthYear, today),
        contact: validContact(data.contact ?? {}),
      },
    },
  ];
}

function updateProfile(data: UpdatePersonProfile['data'], person: RegisteredPerson, today: string): readonly PersonEvent[] {
  const name = data.name === undefined ? undefined : validName(data.name);
  const nameEffectiveFrom = data.effectiveFrom ?? today;
  rule(
    data.effectiveFrom === undefined || name !== undefined,
    'PERSON.EFFECTIVE_FROM_WITHOUT_NAME',
    'effectiveFrom dates a new name: send it with name (gender, birth year and contact are not effective-dated)',
  );
  requireDay(nameEffectiveFrom, 'effectiveFrom');
  // A rename is recorded once it has happened; one planned for later is recorded then.
  rule(
    nameEffectiveFrom <= today,
    'PERSON.RENAME_IN_FUTURE',
    `a rename of ${person.staffNumber} cannot take effect on ${nameEffectiveFrom}, after today (${today})`,
  );
  const gender = data.gender === undefined ? undefined : validGender(data.gender);
  const birthYear = data.birthYear === undefined ? undefined : validBirthYear(data.birthYear, today);
  const contact = data.contact === undefined ? undefined : validContact(data.contact);
  rule(
    !person.personalDataErased || (gender === undefined && birthYear === undefined && contact === undefined),
    'PERSON.PERSONAL_DATA_ERASED',
    `the personal data of ${person.staffNumber} was erased and cannot be recorded again`,
    'conflict',
  );
  // The name borne that day changes nothing; a rename on a day already renamed corrects it (see withName).
  const renamed = name !== undefined && name !== nameOn(person, nameEffectiveFrom);
  const changes = {
    ...(gender !== undefined && gender !== person.gender ? { gender } : {}),
    ...(birthYear !== undefined && birthYear !== person.birthYear ? { birthYear } : {}),
    ...(contact !== undefined && (contact.phone !== person.contact.phone || contact.email !== person.contact.email) ? { contact } : {}),
  };
  if (!renamed && Object.keys(changes).length === 0) return [];
  const staffNumber = person.staffNumber;
  return [
    {
      type: 'PersonProfileUpdated',
      schemaVersion: PERSON_PROFILE_UPDATED_VERSION,
      data: renamed ? { staffNumber, name, nameEffectiveFrom, ...changes } : { staffNumber, ...changes },
    },
  ];
}

function registerSigningKey(data: RegisterSigningKey['data'], person: RegisteredPerson): readonly PersonEvent[] {
  const algorithm = data.algorithm;
  rule(
    isOneOf(SIGNING_ALGORITHMS, algorithm),
    'KEY.UNSUPPORTED_ALGORITHM',
    `${String(algorithm)} is not a supported signature algorithm (ed25519, sm2)`,
  );
  rule(isWellFormedKey(algorithm, data.publicKey), 'KEY.MALFORMED', `the public key is not a well-formed ${algorithm} key`);
  rule(
    typeof data.fingerprint === 'string' && HEX_DIGEST.test(data.fingerprint),
    'KEY.MALFORMED',
    'the fingerprint is not 64 lowercase hex characters',
  );
  requireDay(data.effectiveFrom, 'effectiveFrom');
  const existing = person.keys.find((k) => k.fingerprint === data.fingerprint);
  rule(
    existing?.revokedFrom === undefined,
    'KEY.REVOKED',
    `key ${data.fingerprint} was revoked from ${existing?.revokedFrom} and cannot be reused`,
    'conflict',
  );
  rule(existing === undefined, 'KEY.DUPLICATE_FINGERPRINT', `key ${data.fingerprint} is already registered`, 'conflict');
  return [
    {
      type: 'SigningKeyRegistered',
      data: {
        staffNumber: person.staffNumber,
        algorithm,
        publicKey: data.publicKey,
        fingerprint: data.fingerprint,
        effectiveFrom: data.effectiveFrom,
      },
    },
  ];
}

function revokeSigningKey(data: RevokeSigningKey['data'], person: RegisteredPerson): readonly PersonEvent[] {
  const key = person.keys.find((k) => k.fingerprint === data.fingerprint);
  rule(key, 'KEY.NOT_FOUND', `${person.staffNumber} has no key ${data.fingerprint}`, 'not_found');
  rule(key.revokedFrom === undefined, 'KEY.REVOKED', `key ${key.fingerprint} was already revoked from ${key.revokedFrom}`, 'conflict');
  requireDay(data.effectiveFrom, 'effectiveFrom');
  rule(
    data.effectiveFrom >= key.from,
    'KEY.REVOCATION_BEFORE_VALIDITY',
    `key ${key.fingerprint} is valid from ${key.from}, after ${data.effectiveFrom}`,
  );
  const reason = data.reason;
  rule(isOneOf(KEY_REVOCATION_REASONS, reason), 'KEY.INVALID_REASON', `${String(reason)} is not a reason to revoke a key`);
  return [
    {
      type: 'SigningKeyRevoked',
      data: { staffNumber: person.staffNumber, fingerprint: key.fingerprint, effectiveFrom: data.effectiveFrom, reason },
    },
  ];
}

function declareRelation(data: DeclareRelation['data'], person: RegisteredPerson): readonly PersonEvent[] {
  rule(isUuid(data.relationId), 'RELATION.INVALID_ID', `${String(data.relationId)} is not a UUID`);
  rule(
    !person.relations.some((r) => r.relationId === data.relationId),
    'RELATION.DUPLICATE_ID',
    `relation ${data.relationId} already exists`,
    'conflict',
  );
  const kind = data.kind;
  rule(isOneOf(RELATION_KINDS, kind), 'RELATION.INVALID_KIND', `${String(kind)} is not a kind of relation (kinship, former_post)`);
  rule(isUnitCode(data.unitCode), 'UNIT.INVALID_CODE', `${String(data.unitCode)} is not a valid unit code`);
  const kinship = data.kinship ?? undefined;
  rule(
    kind === 'kinship' ? isOneOf(KINSHIP_DEGREES, kinship) : kinship === undefined,
    'RELATION.INVALID_KINSHIP',
    kind === 'kinship' ? `a kinship needs a degree (${KINSHIP_DEGREES.join(', ')})` : 'only a kinship has a degree',
  );
  requireDay(data.effectiveFrom, 'effectiveFrom');
  const effectiveTo = data.effectiveTo ?? undefined;
  if (effectiveTo !== undefined) requireDay(effectiveTo, 'effectiveTo');
  rule(kind !== 'former_post' || effectiveTo !== undefined, 'RELATION.END_REQUIRED', 'a former post needs the day it ended');
  rule(
    effectiveTo === undefined || effectiveTo >= data.effectiveFrom,
    'RELATION.END_BEFORE_START',
    `${effectiveTo} is before ${data.effectiveFrom}`,
  );
  const note = optionalNote(data.note);
  rule(
    !person.personalDataErased || note === undefined,
    'PERSON.PERSONAL_DATA_ERASED',
    `the personal data of ${person.staffNumber} was erased: a relation can be declared without a note only`,
    'conflict',
  );
  const period = { from: data.effectiveFrom, ...(effectiveTo === undefined ? {} : { to: effectiveTo }) };
  rule(
    !person.relations.some((r) => r.kind === kind && r.unitCode === data.unitCode && r.kinship === kinship && overlaps(r, period)),
    'RELATION.ALREADY_DECLARED',
    `the same relation to ${data.unitCode} is already declared for an overlapping period`,
    'conflict',
  );
  return [
    {
      type: 'RelationDeclared',
      data: {
        staffNumber: person.staffNumber,
        relationId: data.relationId,
        kind,
        unitCode: data.unitCode,
        ...(kinship === undefined ? {} : { kinship: kinship as KinshipDegree }),
        effectiveFrom: data.effectiveFrom,
        ...(effectiveTo === undefined ? {} : { effectiveTo }),
        ...(note === undefined ? {} : { note }),
      },
    },
  ];
}

function withdrawRelation(data: WithdrawRelation['data'], person: RegisteredPerson): readonly PersonEvent[] {
  const relation = person.relations.find((r) => r.relationId === data.relationId);
  rule(relation, 'RELATION.NOT_FOUND', `${person.staffNumber} has no relation ${data.relationId}`, 'not_found');
  rule(relation.to === undefined, 'RELATION.ALREADY_ENDED', `relation ${relation.relationId} ended on ${relation.to}`, 'conflict');
  requireDay(data.effectiveTo, 'effectiveTo');
  rule(
    data.effectiveTo >= relation.from,
    'RELATION.END_BEFORE_START',
    `relation ${relation.relationId} starts on ${relation.from}, after ${data.effectiveTo}`,
  );
  return [
    {
      type: 'RelationWithdrawn',
      data: { staffNumber: person.staffNumber, relationId: relation.relationId, effectiveTo: data.effectiveTo },
    },
  ];
}

/** Erasing twice changes nothing: the key is gone after the first. */
function erasePersonalData(data: ErasePersonalData['data'], person: RegisteredPerson, today: string): readonly PersonEvent[] {
  const legalBasis = data.legalBasis;
  rule(
    isOneOf(ERASURE_LEGAL_BASES, legalBasis),
    'PERSON.INVALID_LEGAL_BASIS',
    `${String(legalBasis)} is not a legal basis for erasure (${ERASURE_LEGAL_BASES.join(', ')})`,
  );
  const note = optionalNote(data.note);
  rule(note !== undefined, 'PERSON.ERASURE_NOTE_REQUIRED', 'an erasure needs a note: the request or case it answers');
  if (person.personalDataErased) return [];
  return [{ type: 'PersonalDataErased', data: { staffNumber: person.staffNumber, legalBasis, note, erasedOn: today } }];
}

function evolve(state: PersonState, event: PersonEvent): PersonState {
  if (event.type === 'PersonRegistered') {
    const { staffNumber, name, gender, birthYear, contact } = event.data;
    return { status: 'registered', staffNumber, name, names: [{ name }], gender, birthYear, contact, keys: [], relations: [] };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'PersonProfileUpdated': {
      const { staffNumber: _, name, nameEffectiveFrom, ...changes } = event.data;
      if (name === undefined) return { ...state, ...changes };
      const names = withName(state.names, name, nameEffectiveFrom);
      return { ...state, ...changes, name: names[names.length - 1].name, names };
    }
    case 'SigningKeyRegistered': {
      const { algorithm, publicKey, fingerprint, effectiveFrom } = event.data;
      return { ...state, keys: [...state.keys, { algorithm, publicKey, fingerprint, from: effectiveFrom }] };
    }
    case 'SigningKeyRevoked': {
      const { fingerprint, effectiveFrom, reason } = event.data;
      return {
        ...state,
        keys: state.keys.map((k) => (k.fingerprint === fingerprint ? { ...k, revokedFrom: effectiveFrom, revocationReason: reason } : k)),
      };
    }
    case 'RelationDeclared': {
      const { staffNumber: _, effectiveFrom, effectiveTo, ...relation } = event.data;
      return {
        ...state,
        relations: [...state.relations, { ...relation, from: effectiveFrom, ...(effectiveTo === undefined ? {} : { to: effectiveTo }) }],
      };
    }
    case 'RelationWithdrawn':
      return {
        ...state,
        relations: state.relations.map((r) => (r.relationId === event.data.relationId ? { ...r, to: event.data.effectiveTo } : r)),
      };
    case 'PersonalDataErased':
      // Read models fold this too: their copies of the values go with the key.
      return {
        ...state,
        gender: null,
        birthYear: null,
        contact: {},
        relations: state.relations.map(({ note: _, ...relation }) => relation),
        personalDataErased: { legalBasis: event.data.legalBasis, on: event.data.erasedOn },
      };
    default:
      return unreachable(event);
  }
}

/**
 * The names with `name` borne from `from` on, oldest first: a name already dated that day is
 * replaced (a correction), and a name that repeats the one before it is dropped (nothing changed then).
 */
function withName(names: readonly PersonName[], name: string, from: string): readonly PersonName[] {
  const dated = [...names.filter((n) => n.from !== from), { name, from }].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  return dated.filter((n, i) => i === 0 || n.name !== dated[i - 1].name);
}

function registered(state: PersonState): RegisteredPerson {
  if (state.status === 'absent') throw new DomainError('PERSON.NOT_FOUND', 'the person is not registered', 'not_found');
  return state;
}

function validName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  rule(name.length > 0 && name.length <= MAX_NAME_LENGTH, 'PERSON.INVALID_NAME', `a name has 1 to ${MAX_NAME_LENGTH} characters`);
  return name;
}

function validGender(value: unknown): Gender {
  rule(isOneOf(GENDERS, value), 'PERSON.INVALID_GENDER', 'a gender is male or female');
  return value;
}

function validBirthYear(value: unknown, today: string): number {
  const thisYear = Number(today.slice(0, 4));
  rule(
    Number.isInteger(value) && (value as number) >= EARLIEST_BIRTH_YEAR && (value as number) <= thisYear,
    'PERSON.INVALID_BIRTH_YEAR',
    `a birth year lies between ${EARLIEST_BIRTH_YEAR} and ${thisYear}`,
  );
  return value as number;
}

function validContact(input: ContactInput): Contact {
  const phone = blankToUndefined(input.phone);
  const email = blankToUndefined(input.email);
  rule(
    !containsNationalId(phone) && !containsNationalId(email),
    'PERSON.NATIONAL_ID_NOT_ALLOWED',
    'contact details must not contain national ID numbers',
  );
  rule(phone === undefined || PHONE.test(phone), 'PERSON.INVALID_CONTACT', 'the phone number is not valid');
  rule(email === undefined || (email.length <= 254 && EMAIL.test(email)), 'PERSON.INVALID_CONTACT', 'the email address is not valid');
  return { ...(phone === undefined ? {} : { phone }), ...(email === undefined ? {} : { email }) };
}

function optionalNote(value: unknown): string | undefined {
  const note = blankToUndefined(value);
  rule(note === undefined || note.length <= MAX_NOTE_LENGTH, 'TEXT.TOO_LONG', `a note is limited to ${MAX_NOTE_LENGTH} characters`);
  rule(!containsNationalId(note), 'PERSON.NATIONAL_ID_NOT_ALLOWED', 'notes must not contain national ID numbers');
  return note;
}

function blankToUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text.length > 0 ? text : undefined;
}

/** Shape only: the app has already parsed the key with @app/crypto. */
function isWellFormedKey(algorithm: SigningAlgorithm, publicKey: unknown): boolean {
  if (typeof publicKey !== 'string') return false;
  if (RAW_KEY[algorithm].test(publicKey)) return true;
  const pem = PEM.exec(publicKey);
  if (!pem) return false;
  const der = Buffer.from(pem[1].replace(/\s+/g, ''), 'base64').toString('hex');
  return der.length === SPKI[algorithm].length * 2 && der.startsWith(SPKI[algorithm].prefix);
}
