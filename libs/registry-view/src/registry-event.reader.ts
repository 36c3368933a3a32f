import {
  RegistryEventTypes as T,
  type IntegrationEnvelope,
  type PersonRenamedV1,
  type PersonRenamedV2,
  type RegistryEvent,
} from '@app/contracts';
import { chinaDay, DomainError, isCalendarDay } from '@app/domain';

/** A registry event in the shape the view applies: every type at its latest version (older ones upcast). */
export type ViewEvent = Exclude<RegistryEvent, PersonRenamedV1>;

export type ReadOutcome = { readonly event: ViewEvent } | { readonly skipped: string };

type Field = 'text' | 'text or null' | 'day' | 'day or null' | 'boolean' | 'texts' | 'integer' | 'days' | 'periods';

/** The data fields of each type and version the view understands; anything else is skipped. */
const SHAPES: Readonly<Record<string, Readonly<Record<number, Readonly<Record<string, Field>>>>>> = {
  [T.UnitRegistered]: {
    1: {
      unitCode: 'text',
      name: 'text',
      kind: 'text',
      level: 'text',
      parentCode: 'text or null',
      jurisdictionCode: 'text',
      effectiveFrom: 'day',
    },
  },
  [T.UnitRenamed]: { 1: { unitCode: 'text', name: 'text', effectiveFrom: 'day' } },
  [T.UnitMoved]: { 1: { unitCode: 'text', parentCode: 'text', effectiveFrom: 'day' } },
  [T.UnitDissolved]: { 1: { unitCode: 'text', effectiveFrom: 'day' } },
  [T.UnitPaired]: { 1: { unitCode: 'text', supervisorCode: 'text', supervisorKind: 'text', effectiveFrom: 'day' } },
  [T.UnitPairingEnded]: { 1: { unitCode: 'text', supervisorCode: 'text', effectiveTo: 'day', reason: 'text' } },
  [T.AppointmentMade]: {
    1: { appointmentId: 'text', unitCode: 'text', staffNumber: 'text', post: 'text', acting: 'boolean', effectiveFrom: 'day' },
  },
  [T.AppointmentEnded]: { 1: { appointmentId: 'text', unitCode: 'text', staffNumber: 'text', effectiveTo: 'day' } },
  [T.PortfolioAssigned]: {
    1: { appointmentId: 'text', unitCode: 'text', staffNumber: 'text', coveredUnitCodes: 'texts', effectiveFrom: 'day' },
  },
  [T.PortfolioEnded]: { 1: { appointmentId: 'text', unitCode: 'text', staffNumber: 'text', effectiveTo: 'day' } },
  [T.PersonRegistered]: { 1: { staffNumber: 'text', name: 'text' } },
  [T.PersonRenamed]: { 1: { staffNumber: 'text', name: 'text' }, 2: { staffNumber: 'text', name: 'text', effectiveFrom: 'day' } },
  [T.SigningKeyRegistered]: {
    1: { staffNumber: 'text', algorithm: 'text', publicKey: 'text', fingerprint: 'text', effectiveFrom: 'day' },
  },
  [T.SigningKeyRevoked]: { 1: { staffNumber: 'text', fingerprint: 'text', effectiveFrom: 'day', reason: 'text' } },
  [T.RelationDeclared]: {
    1: { relationId: 'text', staffNumber: 'text', kind: 'text', unitCode: 'text', effectiveFrom: 'day', effectiveTo: 'day or null' },
  },
  [T.RelationWithdrawn]: { 1: { relationId: 'text', staffNumber: 'text', effectiveTo: 'day' } },
  [T.HolidayArrangementPublished]: {
    1: {
      year: 'integer',
      revision: 'integer',
      sources: 'texts',
      holidays: 'periods',
      makeUpWorkingDays: 'days',
      correctionReason: 'text or null',
    },
  },
};

/**
 * The event an envelope carries, as the view applies it — or why it is skipped (a type or version
 * the view does not know, e.g. one the registry started producing after this library was built).
 * A known type and version whose data does not fit its contract throws `REGISTRY_VIEW.MALFORMED_EVENT`.
 */
export function readRegistryEvent(envelope: IntegrationEnvelope): ReadOutcome {
  const versions = SHAPES[envelope.type];
  if (!versions) return { skipped: `unknown event type ${envelope.type}` };
  const shape = versions[envelope.version];
  if (!shape) return { skipped: `unknown version ${envelope.version} of ${envelope.type}` };
  const data = envelope.data;
  if (data === null || typeof data !== 'object') throw malformed(envelope, 'data is not an object');
  for (const [field, kind] of Object.entries(shape)) {
    if (!fits(kind, (data as Record<string, unknown>)[field])) throw malformed(envelope, `${field} is not ${kind}`);
  }
  const event = { type: envelope.type, version: envelope.version, data } as RegistryEvent;
  return { event: event.type === T.PersonRenamed && event.version === 1 ? personRenamedV2(event, envelope) : event };
}

/**
 * Version 1 of PersonRenamed carries no date: the new name holds from the day (China Standard
 * Time) of the envelope's business time, which for an undated fact is when the registry recorded it.
 */
export function personRenamedV2(event: PersonRenamedV1, envelope: Pick<IntegrationEnvelope, 'occurredAt' | 'id'>): PersonRenamedV2 {
  const instant = new Date(envelope.occurredAt);
  if (Number.isNaN(instant.getTime())) {
    throw new DomainError('REGISTRY_VIEW.MALFORMED_EVENT', `message ${envelope.id}: PersonRenamed v1 without a valid occurredAt`);
  }
  return { type: T.PersonRenamed, version: 2, data: { ...event.data, effectiveFrom: chinaDay(instant) } };
}

function fits(kind: Field, value: unknown): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.length > 0;
    case 'text or null':
      return value === null || fits('text', value);
    case 'day':
      return typeof value === 'string' && isCalendarDay(value);
    case 'day or null':
      return value === null || value === undefined || fits('day', value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'texts':
      return Array.isArray(value) && value.every((item) => fits('text', item));
    case 'integer':
      return Number.isSafeInteger(value);
    case 'days':
      return Array.isArray(value) && value.every((item) => fits('day', item));
    case 'periods':
      return (
        Array.isArray(value) &&
        value.every(
          (item) =>
            item !== null &&
            typeof item === 'object' &&
            fits('text', (item as Record<string, unknown>).name) &&
            fits('day', (item as Record<string, unknown>).from) &&
            fits('day', (item as Record<string, unknown>).to),
        )
      );
  }
}

function malformed(envelope: IntegrationEnvelope, reason: string): DomainError {
  return new DomainError(
    'REGISTRY_VIEW.MALFORMED_EVENT',
    `message ${envelope.id} (${envelope.type} v${envelope.version}) does not fit its contract: ${reason}`,
    'invalid',
    { messageId: envelope.id },
  );
}
