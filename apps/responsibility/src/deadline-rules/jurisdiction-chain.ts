import { NATIONAL, type Jurisdiction } from '@app/deadlines';
import { DomainError } from '@app/domain';

/**
 * The jurisdictions enclosing a 6-digit division code, national first (GB/T 2260: PPCCDD; a
 * province ends in 0000, a city in 00).
 */
export function jurisdictionChain(divisionCode: string): readonly Jurisdiction[] {
  if (!/^[1-9]\d{5}$/.test(divisionCode)) {
    throw new DomainError('OBLIGATION.NO_JURISDICTION', `${divisionCode} is not a division code`, 'conflict');
  }
  if (divisionCode === NATIONAL.code) return [NATIONAL];
  const province: Jurisdiction = { level: 'province', code: `${divisionCode.slice(0, 2)}0000` };
  const city: Jurisdiction = { level: 'city', code: `${divisionCode.slice(0, 4)}00` };
  if (divisionCode.endsWith('0000')) return [NATIONAL, province];
  if (divisionCode.endsWith('00')) return [NATIONAL, province, city];
  return [NATIONAL, province, city, { level: 'district', code: divisionCode }];
}

/** The stream of one jurisdiction's recorded rule changes. */
export const ruleSetStreamId = (jurisdiction: Jurisdiction): string => `rule-set-${jurisdiction.level}-${jurisdiction.code}`;
