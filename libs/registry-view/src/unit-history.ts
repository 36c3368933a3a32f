import { covers } from '@app/domain';
import type { RegistryPairingEndReason, RegistryPostKind, RegistryUnitKind, RegistryUnitLevel } from '@app/contracts';

/**
 * A unit's effective-dated history as the view folded it from the registry's events, and the pure
 * as-of reads over it. Days are `YYYY-MM-DD` (China Standard Time); periods include both ends.
 */

export interface DatedName {
  readonly from: string;
  readonly name: string;
}

export interface DatedParent {
  readonly from: string;
  readonly parentCode: string | null;
}

/** The committee (the unit) is supervised by `supervisorCode` over the period. */
export interface Pairing {
  readonly supervisorCode: string;
  readonly supervisorKind: RegistryUnitKind;
  readonly from: string;
  readonly to?: string;
  readonly endReason?: RegistryPairingEndReason;
}

export interface Portfolio {
  readonly coveredUnitCodes: readonly string[];
  readonly from: string;
  readonly to?: string;
}

export interface Appointment {
  readonly appointmentId: string;
  readonly staffNumber: string;
  readonly post: RegistryPostKind;
  readonly acting: boolean;
  readonly from: string;
  readonly to?: string;
  /** Successive portfolios (分管/联系) of this appointment, oldest first. */
  readonly portfolios: readonly Portfolio[];
}

export interface UnitHistory {
  readonly code: string;
  readonly kind: RegistryUnitKind;
  readonly level: RegistryUnitLevel;
  readonly jurisdictionCode: string;
  readonly registeredFrom: string;
  /** The first day the unit no longer existed. */
  readonly dissolvedFrom?: string;
  /** Oldest first; a later entry of the same day replaced the earlier one. */
  readonly names: readonly DatedName[];
  readonly parents: readonly DatedParent[];
  readonly pairings: readonly Pairing[];
  /** In the order the registry recorded them. */
  readonly appointments: readonly Appointment[];
}

/** Finds a unit's history by code; undefined when the view has never seen the unit. */
export type UnitLookup = (code: string) => UnitHistory | undefined;

/** Who held a post: the registry's own `Holder` shape. */
export interface Holder {
  readonly staffNumber: string;
  readonly post: RegistryPostKind;
  readonly acting: boolean;
  readonly appointmentId: string;
  readonly from: string;
  readonly to?: string;
}

/** A unit as it stood on a day. */
export interface UnitOnDay {
  readonly code: string;
  readonly name: string;
  readonly kind: RegistryUnitKind;
  readonly level: RegistryUnitLevel;
  /** `null` for a top-level unit. */
  readonly parentCode: string | null;
  readonly jurisdictionCode: string;
}

/** An appointment in force on a day, with the portfolio it held that day (`[]` if none). */
export interface TeamMember extends Holder {
  readonly unitCode: string;
  readonly coveredUnitCodes: readonly string[];
}

/** A portfolio in force on a day: the holder, the unit whose team they sit on, and what they covered. */
export interface PortfolioOnDay extends Holder {
  readonly unitCode: string;
  readonly coveredUnitCodes: readonly string[];
  readonly portfolioFrom: string;
  readonly portfolioTo?: string;
}

export function existsOn(unit: UnitHistory, day: string): boolean {
  return unit.registeredFrom <= day && (unit.dissolvedFrom === undefined || day < unit.dissolvedFrom);
}

export function nameOn(unit: UnitHistory, day: string): string | undefined {
  if (!existsOn(unit, day)) return undefined;
  return unit.names.findLast((entry) => entry.from <= day)?.name;
}

/** The parent's code on that day, `null` for a top-level unit, `undefined` when the unit did not exist. */
export function parentOn(unit: UnitHistory, day: string): string | null | undefined {
  if (!existsOn(unit, day)) return undefined;
  return unit.parents.findLast((entry) => entry.from <= day)?.parentCode;
}

export function unitOn(unit: UnitHistory, day: string): UnitOnDay | undefined {
  const name = nameOn(unit, day);
  if (name === undefined) return undefined;
  const { code, kind, level, jurisdictionCode } = unit;
  return { code, name, kind, level, parentCode: parentOn(unit, day) ?? null, jurisdictionCode };
}

export function appointmentsOn(unit: UnitHistory, day: string): readonly Appointment[] {
  return existsOn(unit, day) ? unit.appointments.filter((a) => covers(a, day)) : [];
}

/** Who held the post on that day (acting holders included; at most one for an exclusive post). */
export function holdersOn(unit: UnitHistory, post: string, day: string): readonly Holder[] {
  return appointmentsOn(unit, day)
    .filter((a) => a.post === post)
    .map(holderOf);
}

export function principalLeaderOn(unit: UnitHistory, day: string): Holder | undefined {
  return holdersOn(unit, 'principal_leader', day)[0];
}

export function teamOn(unit: UnitHistory, day: string): readonly TeamMember[] {
  return appointmentsOn(unit, day).map((a) => ({
    ...holderOf(a),
    unitCode: unit.code,
    coveredUnitCodes: a.portfolios.find((p) => covers(p, day))?.coveredUnitCodes ?? [],
  }));
}

/** The commission or inspection group supervising this committee on that day. */
export function pairingOn(unit: UnitHistory, day: string): Pairing | undefined {
  return existsOn(unit, day) ? unit.pairings.find((p) => covers(p, day)) : undefined;
}

export function portfoliosOn(unit: UnitHistory, day: string): readonly PortfolioOnDay[] {
  return appointmentsOn(unit, day).flatMap((a) =>
    a.portfolios
      .filter((p) => covers(p, day))
      .map((p) => ({
        ...holderOf(a),
        unitCode: unit.code,
        coveredUnitCodes: p.coveredUnitCodes,
        portfolioFrom: p.from,
        ...(p.to === undefined ? {} : { portfolioTo: p.to }),
      })),
  );
}

/** Holders in this unit whose portfolio covered `coveredUnitCode` on that day. */
export function inChargeOfOn(unit: UnitHistory, coveredUnitCode: string, day: string): readonly PortfolioOnDay[] {
  return portfoliosOn(unit, day).filter((p) => p.coveredUnitCodes.includes(coveredUnitCode));
}

export function holderOf(appointment: Appointment): Holder {
  const { staffNumber, post, acting, appointmentId, from, to } = appointment;
  return { staffNumber, post, acting, appointmentId, from, ...(to === undefined ? {} : { to }) };
}
