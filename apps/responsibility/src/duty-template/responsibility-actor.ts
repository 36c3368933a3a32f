import { DomainError, isOneOf } from '@app/domain';
import { fieldRule, requireStaffNumber } from './field-rules';

/**
 * The roles the handler resolved for the actor on the command's day, relative to the unit the
 * stream belongs to. A person may hold several (the principal leader also keeps the lists).
 */
export const ACTOR_ROLES = [
  'principal_leader', // 本单位党委（党组）主要负责人
  'team_member', // 本单位班子成员
  'unit_staff', // 本单位经办人员 (office keeping the lists and ledgers)
  'paired_commission', // 与本单位配对的纪委（纪检组）人员, on that day
  'commission', // any other discipline commission or inspection group
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Roles by which a person belongs to the unit itself. */
export const UNIT_ROLES: readonly ActorRole[] = ['principal_leader', 'team_member', 'unit_staff'];

export interface ResponsibilityActor {
  readonly staffNumber: string;
  readonly roles: readonly ActorRole[];
}

export function validActor(value: unknown): ResponsibilityActor {
  fieldRule(typeof value === 'object' && value !== null, 'ACTOR.INVALID', 'the actor is missing', 'actor');
  const { staffNumber, roles } = value as Partial<Record<keyof ResponsibilityActor, unknown>>;
  fieldRule(
    Array.isArray(roles) && roles.every((role) => isOneOf(ACTOR_ROLES, role)),
    'ACTOR.INVALID',
    'the actor’s roles are not known roles',
    'actor.roles',
  );
  return { staffNumber: requireStaffNumber(staffNumber, 'actor.staffNumber'), roles: roles };
}

export function actsForCommission(actor: ResponsibilityActor): boolean {
  return actor.roles.includes('paired_commission') || actor.roles.includes('commission');
}

export function hasAnyRole(actor: ResponsibilityActor, roles: readonly ActorRole[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

/**
 * Supervision reads a unit's records and comments on them through follow-up notices; it never
 * changes them (seed §6: the commission supervises, the committee carries the work).
 */
export function refuseCommission(actor: ResponsibilityActor): void {
  if (actsForCommission(actor)) {
    throw new DomainError('COMMISSION.READ_ONLY', 'a discipline commission reads a unit’s records but does not edit them', 'forbidden');
  }
}

/** The actor edits the unit's records: never as a commission, and only in one of `roles`. */
export function requireUnitEditor(actor: ResponsibilityActor, roles: readonly ActorRole[], code: string, what: string): void {
  refuseCommission(actor);
  if (!hasAnyRole(actor, roles)) {
    throw new DomainError(code, `${actor.staffNumber} may not ${what}; that takes one of: ${roles.join(', ')}`, 'forbidden');
  }
}
