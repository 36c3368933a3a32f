import type {
  RegistryKeyRevocationReason,
  RegistryPairingEndReason,
  RegistryPostKind,
  RegistryUnitKind,
  RegistryUnitLevel,
} from '@app/contracts';
import type { PersonHistory, Relation, SigningKey } from './person-history';
import type {
  RvAppointment,
  RvPairing,
  RvPerson,
  RvPersonName,
  RvPortfolio,
  RvRelation,
  RvSigningKey,
  RvUnit,
  RvUnitName,
  RvUnitParent,
} from './registry-view.entities';
import type { UnitHistory } from './unit-history';

/** Folds the view's rows into effective-dated histories: pure, so the as-of rules are tested without a database. */

export interface UnitRows {
  readonly unit: RvUnit;
  readonly names: readonly RvUnitName[];
  readonly parents: readonly RvUnitParent[];
  readonly pairings: readonly RvPairing[];
  readonly appointments: readonly RvAppointment[];
  readonly portfolios: readonly RvPortfolio[];
}

const byFrom = <T extends { readonly effectiveFrom: string }>(a: T, b: T) => a.effectiveFrom.localeCompare(b.effectiveFrom);

export function unitHistoryOf(rows: UnitRows): UnitHistory {
  const { unit } = rows;
  return {
    code: unit.code,
    kind: unit.kind as RegistryUnitKind,
    level: unit.level as RegistryUnitLevel,
    jurisdictionCode: unit.jurisdictionCode,
    registeredFrom: unit.registeredFrom,
    ...(unit.dissolvedFrom === null ? {} : { dissolvedFrom: unit.dissolvedFrom }),
    names: [...rows.names].sort(byFrom).map((row) => ({ from: row.effectiveFrom, name: row.name })),
    parents: [...rows.parents].sort(byFrom).map((row) => ({ from: row.effectiveFrom, parentCode: row.parentCode })),
    pairings: [...rows.pairings].sort(byFrom).map((row) => ({
      supervisorCode: row.supervisorCode,
      supervisorKind: row.supervisorKind as RegistryUnitKind,
      from: row.effectiveFrom,
      ...(row.effectiveTo === null ? {} : { to: row.effectiveTo }),
      ...(row.endReason === null ? {} : { endReason: row.endReason as RegistryPairingEndReason }),
    })),
    appointments: [...rows.appointments]
      .sort((a, b) => a.streamVersion - b.streamVersion)
      .map((row) => ({
        appointmentId: row.appointmentId,
        staffNumber: row.staffNumber,
        post: row.post as RegistryPostKind,
        acting: row.acting,
        from: row.effectiveFrom,
        ...(row.effectiveTo === null ? {} : { to: row.effectiveTo }),
        portfolios: rows.portfolios
          .filter((p) => p.appointmentId === row.appointmentId)
          .sort(byFrom)
          .map((p) => ({
            coveredUnitCodes: p.coveredUnitCodes,
            from: p.effectiveFrom,
            ...(p.effectiveTo === null ? {} : { to: p.effectiveTo }),
          })),
      })),
  };
}

export function personHistoryOf(person: RvPerson, names: readonly RvPersonName[]): PersonHistory {
  return {
    staffNumber: person.staffNumber,
    registeredName: person.registeredName,
    renames: [...names].sort(byFrom).map((row) => ({ from: row.effectiveFrom, name: row.name })),
  };
}

export function signingKeyOf(row: RvSigningKey): SigningKey {
  return {
    staffNumber: row.staffNumber,
    algorithm: row.algorithm as SigningKey['algorithm'],
    publicKey: row.publicKey,
    fingerprint: row.fingerprint,
    from: row.validFrom,
    ...(row.revokedFrom === null ? {} : { revokedFrom: row.revokedFrom }),
    ...(row.revocationReason === null ? {} : { revocationReason: row.revocationReason as RegistryKeyRevocationReason }),
  };
}

export function relationOf(row: RvRelation): Relation {
  return {
    relationId: row.relationId,
    staffNumber: row.staffNumber,
    kind: row.kind as Relation['kind'],
    unitCode: row.unitCode,
    from: row.effectiveFrom,
    ...(row.effectiveTo === null ? {} : { to: row.effectiveTo }),
  };
}
