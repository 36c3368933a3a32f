import { DomainError, fieldRule, isOneOf, requireStaffNumber } from '@app/domain';

/**
 * Who acts on a clue's disposal, as the handler resolved it for the day: `commission_office` — a
 * commission officer acting for the handling commission; `secretary` — its secretary that day.
 */
export const HANDLING_ROLES = ['commission_office', 'secretary'] as const;
export type HandlingRole = (typeof HANDLING_ROLES)[number];

export interface HandlingActor {
  readonly staffNumber: string;
  readonly roles: readonly HandlingRole[];
}

/** A person one of the disposal's subjects (被反映人) is, with their unit. */
export interface Subject {
  readonly staffNumber: string;
  readonly unitCode: string;
}

export function validActor(value: unknown): HandlingActor {
  fieldRule(typeof value === 'object' && value !== null, 'ACTOR.INVALID', 'the actor is missing', 'actor');
  const { staffNumber, roles } = value as Partial<Record<keyof HandlingActor, unknown>>;
  fieldRule(
    Array.isArray(roles) && roles.every((role) => isOneOf(HANDLING_ROLES, role)),
    'ACTOR.INVALID',
    'the actor’s roles are not known roles',
    'actor.roles',
  );
  return { staffNumber: requireStaffNumber(staffNumber, 'actor.staffNumber'), roles };
}

/** Decisions on an inquiry, a check or a case are the handling commission's (its officers or secretary); never a subject's. */
export function handlingOfficer(value: unknown, commission: string, subjects: readonly string[]): HandlingActor {
  const actor = validActor(value);
  if (actor.roles.length === 0) {
    throw new DomainError('CASE.NOT_HANDLING', `${actor.staffNumber} does not act for commission ${commission}`, 'forbidden');
  }
  if (subjects.includes(actor.staffNumber)) {
    throw new DomainError('CASE.SUBJECT_ACTING', `${actor.staffNumber} is a subject of this matter and never decides on it`, 'forbidden');
  }
  return actor;
}
