import { enclosingJurisdictions, type Jurisdiction } from '@app/deadlines';
import { DomainError } from '@app/domain';

/**
 * The jurisdictions enclosing a 6-digit division code, national first (GB/T 2260: PPCCDD; a
 * province ends in 0000, a city in 00).
 */
export function jurisdictionChain(divisionCode: string): readonly Jurisdiction[] {
  // A unit's division code comes from the registry: a malformed one is the registry's data, not the caller's input.
  if (!/^[1-9]\d{5}$/.test(divisionCode)) {
    throw new DomainError('OBLIGATION.NO_JURISDICTION', `${divisionCode} is not a division code`, 'conflict');
  }
  return enclosingJurisdictions(divisionCode);
}

/** The stream of one jurisdiction's recorded rule changes. */
export const ruleSetStreamId = (jurisdiction: Jurisdiction): string => `rule-set-${jurisdiction.level}-${jurisdiction.code}`;
