import { SUPERVISED_KINDS, type UnitKind } from '../units/unit-kinds';
import type { Appointment, UnitState } from '../units/unit.decider';
import { existsOn, holdersOn, inChargeOfOn, nameOn, pairingOn, parentOn, principalLeaderOn } from '../units/unit.queries';

import type { UnitLookup } from '../units/unit-directory';

export interface Holder {
  readonly staffNumber: string;
  readonly post: string;
  readonly acting: boolean;
  readonly appointmentId: string;
  readonly from: string;
  readonly to?: string;
}

export interface UnitOnDay {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
}

export interface CommitteeLine {
  readonly committee: UnitOnDay & { readonly principalLeader: Holder | null };
  readonly commission: (UnitOnDay & { readonly secretary: Holder | null }) | null;
}

export interface ResponsibilityChain {
  readonly day: string;
  readonly unit: UnitOnDay & { readonly head: Holder | null };
  /** The Party committee or group carrying the main responsibility for the unit (the unit itself, or its nearest). */
  readonly responsible: CommitteeLine | null;
  /** Team members whose portfolio (分管/联系) covered the unit that day, in any unit. */
  readonly inCharge: readonly (Holder & { readonly unitCode: string })[];
  /** The next Party committee up and its commission: where reports and accountability go. */
  readonly higher: CommitteeLine | null;
}

const HEAD_POSTS = ['principal_leader', 'department_head', 'commission_secretary', 'inspection_group_head'] as const;

/**
 * Who was responsible for a unit on a day, and to whom it answered — computed from the units'
 * effective-dated histories, so it is right for past days too. Undefined if the unit did not exist.
 */
export function responsibilityChain(
  lookup: UnitLookup,
  unitCode: string,
  day: string,
  portfolioHolderUnits: readonly string[],
): ResponsibilityChain | undefined {
  const unit = lookup(unitCode);
  if (!unit || unit.status === 'absent' || !existsOn(unit, day)) return undefined;
  const responsibleCode = SUPERVISED_KINDS.includes(unit.kind) ? unitCode : nearestCommitteeAbove(lookup, unitCode, day);
  const higherCode = responsibleCode ? nearestCommitteeAbove(lookup, responsibleCode, day) : undefined;
  const inCharge = portfolioHolderUnits.flatMap((holderCode) => {
    const holderUnit = lookup(holderCode);
    if (!holderUnit) return [];
    return inChargeOfOn(holderUnit, unitCode, day).map((p) => {
      const appointment =
        holderUnit.status === 'absent' ? undefined : holderUnit.appointments.find((a) => a.appointmentId === p.appointmentId);
      return { ...holderOf(appointment!), unitCode: holderCode };
    });
  });
  return {
    day,
    unit: { ...onDay(unit, unitCode, day), head: firstHolder(unit, day, HEAD_POSTS) },
    responsible: responsibleCode ? committeeLine(lookup, responsibleCode, day) : null,
    inCharge,
    higher: higherCode ? committeeLine(lookup, higherCode, day) : null,
  };
}

function committeeLine(lookup: UnitLookup, committeeCode: string, day: string): CommitteeLine {
  const committee = lookup(committeeCode)!;
  const leader = principalLeaderOn(committee, day);
  const pairing = pairingOn(committee, day);
  const commission = pairing ? lookup(pairing.counterpartCode) : undefined;
  return {
    committee: { ...onDay(committee, committeeCode, day), principalLeader: leader ? holderOf(leader) : null },
    commission:
      pairing && commission && existsOn(commission, day)
        ? {
            ...onDay(commission, pairing.counterpartCode, day),
            secretary: firstHolder(commission, day, ['commission_secretary', 'inspection_group_head']),
          }
        : null,
  };
}

/** The nearest Party committee or group above the unit on that day (walking parents as they were). */
function nearestCommitteeAbove(lookup: UnitLookup, unitCode: string, day: string): string | undefined {
  const seen = new Set([unitCode]);
  let current = lookup(unitCode);
  while (current) {
    const parentCode = parentOn(current, day);
    if (!parentCode || seen.has(parentCode)) return undefined;
    seen.add(parentCode);
    const parent = lookup(parentCode);
    if (!parent || parent.status === 'absent') return undefined;
    if (SUPERVISED_KINDS.includes(parent.kind) && existsOn(parent, day)) return parentCode;
    current = parent;
  }
  return undefined;
}

function onDay(unit: UnitState, code: string, day: string): UnitOnDay {
  if (unit.status === 'absent') throw new Error(`unit ${code} is not registered`);
  return { code, name: nameOn(unit, day) ?? unit.names[0].name, kind: unit.kind };
}

function firstHolder(unit: UnitState, day: string, posts: readonly string[]): Holder | null {
  for (const post of posts) {
    const [holder] = holdersOn(unit, post as never, day);
    if (holder) return holderOf(holder);
  }
  return null;
}

function holderOf(appointment: Appointment): Holder {
  return {
    staffNumber: appointment.staffNumber,
    post: appointment.post,
    acting: appointment.acting,
    appointmentId: appointment.appointmentId,
    from: appointment.from,
    ...(appointment.to === undefined ? {} : { to: appointment.to }),
  };
}
