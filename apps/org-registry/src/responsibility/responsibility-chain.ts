import { responsibilityChain as chainOverHistories, type ResponsibilityChain, type UnitHistory } from '@app/registry-view';
import type { UnitLookup } from '../units/unit-directory';
import type { UnitState } from '../units/unit.decider';

export type { ResponsibilityChain } from '@app/registry-view';

/**
 * A unit's state as the effective-dated history the shared chain rules read: the same facts the
 * registry's topic announces, so the registry and every service's registry view answer "who was
 * responsible for U on D" with one piece of code (`libs/registry-view/src/responsibility-chain.ts`).
 */
export function unitHistoryOf(state: UnitState | undefined): UnitHistory | undefined {
  if (!state || state.status === 'absent') return undefined;
  return {
    code: state.code,
    kind: state.kind,
    level: state.level,
    jurisdictionCode: state.jurisdictionCode,
    registeredFrom: state.registeredFrom,
    ...(state.status === 'dissolved' ? { dissolvedFrom: state.dissolvedFrom } : {}),
    names: state.names,
    parents: state.parents,
    pairings: state.pairings.map((pairing) => ({
      supervisorCode: pairing.counterpartCode,
      supervisorKind: pairing.counterpartKind,
      from: pairing.from,
      ...(pairing.to === undefined ? {} : { to: pairing.to }),
      ...(pairing.endReason === undefined ? {} : { endReason: pairing.endReason }),
    })),
    appointments: state.appointments,
  };
}

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
  return chainOverHistories((code) => unitHistoryOf(lookup(code)), unitCode, day, portfolioHolderUnits);
}
