import { RegistryEventTypes, type RegistryEvent } from '@app/contracts';
import { unreachable } from '@app/domain';
import type { CalendarYearEvent } from './calendar/calendar-year.events';
import type { PersonEvent } from './people/person.events';
import type { UnitEvent } from './units/unit.events';

export type RegistryDomainEvent = UnitEvent | PersonEvent | CalendarYearEvent;

/**
 * The public announcement of a domain event, or null when the fact stays inside the registry.
 * Personal data other than staff number and name never leaves; notes stay internal.
 */
export function toRegistryIntegrationEvent(event: RegistryDomainEvent): RegistryEvent | null {
  switch (event.type) {
    case 'UnitRegistered': {
      const { unitCode, name, kind, level, parentCode, jurisdictionCode, effectiveFrom } = event.data;
      return {
        type: RegistryEventTypes.UnitRegistered,
        version: 1,
        data: { unitCode, name, kind, level, parentCode, jurisdictionCode, effectiveFrom },
      };
    }
    case 'UnitRenamed': {
      const { unitCode, name, previousName, effectiveFrom } = event.data;
      return { type: RegistryEventTypes.UnitRenamed, version: 1, data: { unitCode, name, previousName, effectiveFrom } };
    }
    case 'UnitMoved': {
      const { unitCode, parentCode, previousParentCode, effectiveFrom } = event.data;
      return { type: RegistryEventTypes.UnitMoved, version: 1, data: { unitCode, parentCode, previousParentCode, effectiveFrom } };
    }
    case 'UnitDissolved': {
      const { unitCode, effectiveFrom, reason } = event.data;
      return { type: RegistryEventTypes.UnitDissolved, version: 1, data: { unitCode, effectiveFrom, reason } };
    }
    case 'UnitPaired': {
      const { unitCode, counterpartCode, counterpartKind, effectiveFrom } = event.data;
      return {
        type: RegistryEventTypes.UnitPaired,
        version: 1,
        data: { unitCode, supervisorCode: counterpartCode, supervisorKind: counterpartKind, effectiveFrom },
      };
    }
    case 'UnitPairingEnded': {
      const { unitCode, counterpartCode, effectiveTo, reason } = event.data;
      return {
        type: RegistryEventTypes.UnitPairingEnded,
        version: 1,
        data: { unitCode, supervisorCode: counterpartCode, effectiveTo, reason },
      };
    }
    case 'AppointmentMade': {
      const { appointmentId, unitCode, staffNumber, post, acting, effectiveFrom } = event.data;
      return {
        type: RegistryEventTypes.AppointmentMade,
        version: 1,
        data: { appointmentId, unitCode, staffNumber, post, acting, effectiveFrom },
      };
    }
    case 'AppointmentEnded': {
      const { appointmentId, unitCode, staffNumber, post, effectiveTo, reason } = event.data;
      return {
        type: RegistryEventTypes.AppointmentEnded,
        version: 1,
        data: { appointmentId, unitCode, staffNumber, post, effectiveTo, reason },
      };
    }
    case 'PortfolioAssigned': {
      const { appointmentId, unitCode, staffNumber, coveredUnitCodes, effectiveFrom } = event.data;
      return {
        type: RegistryEventTypes.PortfolioAssigned,
        version: 1,
        data: { appointmentId, unitCode, staffNumber, coveredUnitCodes, effectiveFrom },
      };
    }
    case 'PortfolioEnded': {
      const { appointmentId, unitCode, staffNumber, effectiveTo } = event.data;
      return { type: RegistryEventTypes.PortfolioEnded, version: 1, data: { appointmentId, unitCode, staffNumber, effectiveTo } };
    }
    case 'PersonRegistered': {
      const { staffNumber, name } = event.data;
      return { type: RegistryEventTypes.PersonRegistered, version: 1, data: { staffNumber, name } };
    }
    case 'PersonProfileUpdated': {
      const { data } = event;
      if (data.name === undefined) return null;
      return {
        type: RegistryEventTypes.PersonRenamed,
        version: 2,
        data: { staffNumber: data.staffNumber, name: data.name, effectiveFrom: data.nameEffectiveFrom },
      };
    }
    case 'SigningKeyRegistered': {
      const { staffNumber, algorithm, publicKey, fingerprint, effectiveFrom } = event.data;
      return {
        type: RegistryEventTypes.SigningKeyRegistered,
        version: 1,
        data: { staffNumber, algorithm, publicKey, fingerprint, effectiveFrom },
      };
    }
    case 'SigningKeyRevoked': {
      const { staffNumber, fingerprint, effectiveFrom, reason } = event.data;
      return { type: RegistryEventTypes.SigningKeyRevoked, version: 1, data: { staffNumber, fingerprint, effectiveFrom, reason } };
    }
    case 'RelationDeclared': {
      const { relationId, staffNumber, kind, unitCode, effectiveFrom, effectiveTo } = event.data;
      return {
        type: RegistryEventTypes.RelationDeclared,
        version: 1,
        data: { relationId, staffNumber, kind, unitCode, effectiveFrom, effectiveTo: effectiveTo ?? null },
      };
    }
    case 'RelationWithdrawn': {
      const { relationId, staffNumber, effectiveTo } = event.data;
      return { type: RegistryEventTypes.RelationWithdrawn, version: 1, data: { relationId, staffNumber, effectiveTo } };
    }
    case 'HolidayArrangementPublished': {
      const { year, revision, sources, holidays, makeUpWorkingDays, correctionReason } = event.data;
      return {
        type: RegistryEventTypes.HolidayArrangementPublished,
        version: 1,
        data: {
          year,
          revision,
          sources,
          holidays: holidays.map(({ name, from, to }) => ({ name, from, to })),
          makeUpWorkingDays,
          correctionReason: correctionReason ?? null,
        },
      };
    }
    case 'PersonalDataErased':
      // Consumers never received the erased values, so there is nothing for them to forget.
      return null;
    default:
      return unreachable(event);
  }
}

/** A registry event as published: the public message and its business time. */
export function announce(event: RegistryDomainEvent): (RegistryEvent & { readonly occurredAt?: string }) | null {
  const message = toRegistryIntegrationEvent(event);
  if (!message) return null;
  const occurredAt = businessTime(message.data);
  return occurredAt ? { ...message, occurredAt } : message;
}

/**
 * When an effective-dated fact took effect: 00:00 China Standard Time of its first day, or for an
 * ending, of the day after its last day. Facts without a date (a person's registration) take the command's time.
 */
export function businessTime(data: object): string | undefined {
  const { effectiveFrom, effectiveTo } = data as { effectiveFrom?: unknown; effectiveTo?: unknown };
  if (typeof effectiveFrom === 'string') return startOfChinaDay(effectiveFrom, 0);
  if (typeof effectiveTo === 'string') return startOfChinaDay(effectiveTo, 1);
  return undefined;
}

function startOfChinaDay(day: string, plusDays: number): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
}
