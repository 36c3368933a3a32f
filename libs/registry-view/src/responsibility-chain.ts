import type { RegistryUnitKind } from '@app/contracts';
import {
  existsOn,
  holderOf,
  holdersOn,
  inChargeOfOn,
  nameOn,
  pairingOn,
  parentOn,
  principalLeaderOn,
  type Holder,
  type UnitHistory,
  type UnitLookup,
} from './unit-history';

/**
 * Who was responsible for a unit on a day, and to whom it answered: the same shape and rules as
 * the registry's own `responsibility-chain.ts` (apps/org-registry), over the view's unit histories.
 */

export interface ChainUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: RegistryUnitKind;
}

export interface CommitteeLine {
  readonly committee: ChainUnit & { readonly principalLeader: Holder | null };
  readonly commission: (ChainUnit & { readonly secretary: Holder | null }) | null;
}

export interface ResponsibilityChain {
  readonly day: string;
  readonly unit: ChainUnit & { readonly head: Holder | null };
  /** The Party committee or group carrying the main responsibility for the unit (the unit itself, or its nearest above). */
  readonly responsible: CommitteeLine | null;
  /** Team members whose portfolio (分管/联系) covered the unit that day, in any unit. */
  readonly inCharge: readonly (Holder & { readonly unitCode: string })[];
  /** The next Party committee up and its commission: where reports and accountability go. */
  readonly higher: CommitteeLine | null;
}

/** Kinds that carry the main responsibility and hold the pairing with their supervisor. */
export const SUPERVISED_KINDS: readonly RegistryUnitKind[] = ['party_committee', 'party_group'];

const HEAD_POSTS = ['principal_leader', 'department_head', 'commission_secretary', 'inspection_group_head'] as const;
const SECRETARY_POSTS = ['commission_secretary', 'inspection_group_head'] as const;

/**
 * The chain on `day`, or undefined if the unit did not exist that day. `portfolioHolderUnits` are
 * the units whose team members ever had a portfolio covering the unit.
 */
export function responsibilityChain(
  lookup: UnitLookup,
  unitCode: string,
  day: string,
  portfolioHolderUnits: readonly string[],
): ResponsibilityChain | undefined {
  const unit = lookup(unitCode);
  if (!unit || !existsOn(unit, day)) return undefined;
  const responsibleCode = SUPERVISED_KINDS.includes(unit.kind) ? unitCode : nearestCommitteeAbove(lookup, unitCode, day);
  const higherCode = responsibleCode ? nearestCommitteeAbove(lookup, responsibleCode, day) : undefined;
  const inCharge = portfolioHolderUnits.flatMap((holderCode) => {
    const holderUnit = lookup(holderCode);
    if (!holderUnit) return [];
    return inChargeOfOn(holderUnit, unitCode, day).map((portfolio) => {
      const appointment = holderUnit.appointments.find((a) => a.appointmentId === portfolio.appointmentId)!;
      return { ...holderOf(appointment), unitCode: holderCode };
    });
  });
  return {
    day,
    unit: { ...chainUnit(unit, day), head: firstHolder(unit, day, HEAD_POSTS) },
    responsible: responsibleCode ? committeeLine(lookup, responsibleCode, day) : null,
    inCharge,
    higher: higherCode ? committeeLine(lookup, higherCode, day) : null,
  };
}

function committeeLine(lookup: UnitLookup, committeeCode: string, day: string): CommitteeLine {
  const committee = lookup(committeeCode)!;
  const leader = principalLeaderOn(committee, day);
  const pairing = pairingOn(committee, day);
  const commission = pairing ? lookup(pairing.supervisorCode) : undefined;
  return {
    committee: { ...chainUnit(committee, day), principalLeader: leader ?? null },
    commission:
      commission && existsOn(commission, day)
        ? { ...chainUnit(commission, day), secretary: firstHolder(commission, day, SECRETARY_POSTS) }
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
    if (!parent) return undefined;
    if (SUPERVISED_KINDS.includes(parent.kind) && existsOn(parent, day)) return parentCode;
    current = parent;
  }
  return undefined;
}

function chainUnit(unit: UnitHistory, day: string): ChainUnit {
  return { code: unit.code, name: nameOn(unit, day) ?? unit.names[0].name, kind: unit.kind };
}

function firstHolder(unit: UnitHistory, day: string, posts: readonly string[]): Holder | null {
  for (const post of posts) {
    const [holder] = holdersOn(unit, post, day);
    if (holder) return holder;
  }
  return null;
}
