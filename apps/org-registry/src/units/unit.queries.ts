import { covers } from '@app/domain';
import type { PostKind } from './posts';
import type { Appointment, Pairing, UnitState } from './unit.decider';

/** As-of reads over a folded unit, for the app's time-travel queries. Days are `YYYY-MM-DD`. */

export interface PortfolioOnDay {
  readonly appointmentId: string;
  readonly staffNumber: string;
  readonly post: PostKind;
  readonly coveredUnitCodes: readonly string[];
  readonly from: string;
  readonly to?: string;
}

export function existsOn(state: UnitState, day: string): boolean {
  switch (state.status) {
    case 'absent':
      return false;
    case 'active':
      return state.registeredFrom <= day;
    case 'dissolved':
      return state.registeredFrom <= day && day < state.dissolvedFrom;
  }
}

export function nameOn(state: UnitState, day: string): string | undefined {
  if (!existsOn(state, day) || state.status === 'absent') return undefined;
  return state.names.findLast((n) => n.from <= day)?.name;
}

/** The parent's code on that day, `null` for a top-level unit, `undefined` when the unit did not exist. */
export function parentOn(state: UnitState, day: string): string | null | undefined {
  if (!existsOn(state, day) || state.status === 'absent') return undefined;
  return state.parents.findLast((p) => p.from <= day)?.parentCode;
}

export function appointmentsOn(state: UnitState, day: string): readonly Appointment[] {
  if (!existsOn(state, day) || state.status === 'absent') return [];
  return state.appointments.filter((a) => covers(a, day));
}

/** The team on that day: each appointment in force, with only the portfolio it held that day. */
export function teamOn(state: UnitState, day: string): readonly Appointment[] {
  return appointmentsOn(state, day).map((a) => ({ ...a, portfolios: a.portfolios.filter((p) => covers(p, day)) }));
}

/** Who held the post on that day (acting holders included; at most one for an exclusive post). */
export function holdersOn(state: UnitState, post: PostKind, day: string): readonly Appointment[] {
  return appointmentsOn(state, day).filter((a) => a.post === post);
}

export function principalLeaderOn(state: UnitState, day: string): Appointment | undefined {
  return holdersOn(state, 'principal_leader', day)[0];
}

/** The discipline commission or inspection group supervising this committee on that day. */
export function pairingOn(state: UnitState, day: string): Pairing | undefined {
  if (!existsOn(state, day) || state.status === 'absent') return undefined;
  return state.pairings.find((p) => covers(p, day));
}

export function portfoliosOn(state: UnitState, day: string): readonly PortfolioOnDay[] {
  return appointmentsOn(state, day).flatMap((a) =>
    a.portfolios
      .filter((p) => covers(p, day))
      .map((p) => ({
        appointmentId: a.appointmentId,
        staffNumber: a.staffNumber,
        post: a.post,
        coveredUnitCodes: p.coveredUnitCodes,
        from: p.from,
        ...(p.to === undefined ? {} : { to: p.to }),
      })),
  );
}

/** Holders in this unit whose portfolio covered `coveredUnitCode` on that day. */
export function inChargeOfOn(state: UnitState, coveredUnitCode: string, day: string): readonly PortfolioOnDay[] {
  return portfoliosOn(state, day).filter((p) => p.coveredUnitCodes.includes(coveredUnitCode));
}

export function currentName(state: Exclude<UnitState, { status: 'absent' }>): string {
  return state.names[state.names.length - 1].name;
}

export function currentParentCode(state: Exclude<UnitState, { status: 'absent' }>): string | null {
  return state.parents[state.parents.length - 1].parentCode;
}
