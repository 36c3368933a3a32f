import { day, listOf, nullable, object, oneOf, text, uuid, type ObjectSchema } from '../json-schema';
import {
  REGISTRY_APPOINTMENT_END_REASONS,
  REGISTRY_KEY_REVOCATION_REASONS,
  REGISTRY_PAIRING_END_REASONS,
  REGISTRY_POST_KINDS,
  REGISTRY_RELATION_KINDS,
  REGISTRY_SIGNING_ALGORITHMS,
  REGISTRY_UNIT_KINDS,
  REGISTRY_UNIT_LEVELS,
  type RegistryEvent,
} from './registry.events';

/** JSON Schema of each registry event's `data`, by `<type>@<version>`; the compiler checks each lists exactly the type's fields. */
export type RegistryEventSchemas = {
  readonly [E in RegistryEvent as `${E['type']}@${E['version']}`]: ObjectSchema<keyof E['data'] & string>;
};

const unitCode = text('Stable code of the unit');
const staffNumber = text('Staff number of the person (never a national ID number)');
const kind = oneOf(REGISTRY_UNIT_KINDS);
const post = oneOf(REGISTRY_POST_KINDS);

export const REGISTRY_EVENT_SCHEMAS: RegistryEventSchemas = {
  'registry.UnitRegistered@1': object({
    unitCode,
    name: text('Chinese name'),
    kind,
    level: oneOf(REGISTRY_UNIT_LEVELS),
    parentCode: nullable(unitCode),
    jurisdictionCode: { type: 'string', pattern: '^\\d{6}$', description: '6-digit administrative division code' },
    effectiveFrom: day(),
  }),
  'registry.UnitRenamed@1': object({ unitCode, name: text(), previousName: text(), effectiveFrom: day() }),
  'registry.UnitMoved@1': object({ unitCode, parentCode: unitCode, previousParentCode: nullable(unitCode), effectiveFrom: day() }),
  'registry.UnitDissolved@1': object({ unitCode, effectiveFrom: day('First day the unit no longer exists'), reason: text() }),
  'registry.UnitPaired@1': object({ unitCode, supervisorCode: unitCode, supervisorKind: kind, effectiveFrom: day() }),
  'registry.UnitPairingEnded@1': object({
    unitCode,
    supervisorCode: unitCode,
    effectiveTo: day('Last day of the pairing'),
    reason: oneOf(REGISTRY_PAIRING_END_REASONS),
  }),
  'registry.AppointmentMade@1': object({
    appointmentId: uuid,
    unitCode,
    staffNumber,
    post,
    acting: { type: 'boolean' },
    effectiveFrom: day(),
  }),
  'registry.AppointmentEnded@1': object({
    appointmentId: uuid,
    unitCode,
    staffNumber,
    post,
    effectiveTo: day('Last day in post'),
    reason: oneOf(REGISTRY_APPOINTMENT_END_REASONS),
  }),
  'registry.PortfolioAssigned@1': object({
    appointmentId: uuid,
    unitCode,
    staffNumber,
    coveredUnitCodes: { ...listOf(unitCode), minItems: 1 },
    effectiveFrom: day(),
  }),
  'registry.PortfolioEnded@1': object({ appointmentId: uuid, unitCode, staffNumber, effectiveTo: day() }),
  'registry.PersonRegistered@1': object({ staffNumber, name: text() }),
  'registry.PersonRenamed@1': object({ staffNumber, name: text() }),
  'registry.PersonRenamed@2': object({ staffNumber, name: text(), effectiveFrom: day() }),
  'registry.SigningKeyRegistered@1': object({
    staffNumber,
    algorithm: oneOf(REGISTRY_SIGNING_ALGORITHMS),
    publicKey: text('Lowercase hex (Ed25519: 32 bytes; SM2: 04‖x‖y) or PEM SPKI'),
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SM3 of the raw key, lowercase hex' },
    effectiveFrom: day(),
  }),
  'registry.SigningKeyRevoked@1': object({
    staffNumber,
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    effectiveFrom: day('First day signatures by this key are not valid'),
    reason: oneOf(REGISTRY_KEY_REVOCATION_REASONS),
  }),
  'registry.RelationDeclared@1': object({
    relationId: uuid,
    staffNumber,
    kind: oneOf(REGISTRY_RELATION_KINDS),
    unitCode,
    effectiveFrom: day(),
    effectiveTo: nullable(day()),
  }),
  'registry.RelationWithdrawn@1': object({ relationId: uuid, staffNumber, effectiveTo: day() }),
  'registry.HolidayArrangementPublished@1': object({
    year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'The year the notice arranges' },
    revision: { type: 'integer', minimum: 1, description: 'Version of the year’s stream: a higher one corrects a lower one' },
    sources: { ...listOf(text('Notice title, document number and publication date')), minItems: 1 },
    holidays: listOf(
      object({
        name: text('Holiday name as in the notice (春节, 国庆节、中秋节 …)'),
        from: day('First day off'),
        to: day('Last day off'),
      }),
    ),
    makeUpWorkingDays: listOf(day('A Saturday or Sunday worked (调休上班)')),
    correctionReason: nullable(text('Why an earlier revision was corrected; null on the first')),
  }),
};
