import { DomainError } from '@app/domain';

export const ROLES = ['registry_admin', 'unit_officer', 'commission_officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token. */
export interface Principal {
  /** Person id (`sub`). */
  readonly personId: string;
  readonly roles: readonly Role[];
  /** Codes of the units this person acts for. */
  readonly units: readonly string[];
}

export type UnitAccess = 'read' | 'write';

/**
 * Roles that reach every unit without listing it in `units`:
 * - read: `registry_admin` (keeps the registry of all units) and `auditor` (replays and verifies
 *   everything, changes nothing);
 * - write: `registry_admin` only. An auditor never acts for a unit; a commission officer acts only
 *   for the units in the token (which units a commission supervises is registry data, checked by
 *   the service that needs it).
 */
export const PLATFORM_WIDE_ROLES: Readonly<Record<UnitAccess, readonly Role[]>> = {
  read: ['registry_admin', 'auditor'],
  write: ['registry_admin'],
};

export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

export function actsFor(principal: Principal, unitCode: string, access: UnitAccess = 'write'): boolean {
  return principal.units.includes(unitCode) || hasRole(principal, ...PLATFORM_WIDE_ROLES[access]);
}

/** Per-object check: throws 403 `AUTH.FORBIDDEN` unless the principal may read or act for the unit. */
export function assertActsFor(principal: Principal, unitCode: string, access: UnitAccess = 'write'): void {
  if (!actsFor(principal, unitCode, access)) {
    throw new DomainError(
      'AUTH.FORBIDDEN',
      `You do not ${access === 'write' ? 'act for' : 'have access to'} unit ${unitCode}.`,
      'forbidden',
      { unit: unitCode },
    );
  }
}
