import { DomainError, isOneOf } from '@app/domain';

export const JURISDICTION_LEVELS = ['national', 'province', 'city', 'district'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/**
 * Where a rule applies: a level and a 6-digit administrative division code (GB/T 2260, PPCCDD).
 * The national level uses `100000`; a province ends in 0000, a city in 00, a district does not.
 */
export interface Jurisdiction {
  readonly level: JurisdictionLevel;
  readonly code: string;
}

export const NATIONAL: Jurisdiction = { level: 'national', code: '100000' };

export function requireJurisdiction(value: unknown, field = 'jurisdiction'): asserts value is Jurisdiction {
  const candidate = value as Partial<Jurisdiction> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    !isOneOf(JURISDICTION_LEVELS, candidate.level) ||
    !isDivisionCodeFor(candidate.level, candidate.code)
  ) {
    throw new DomainError(
      'RULE.INVALID_JURISDICTION',
      `${field} ${JSON.stringify(value)} is not a level (national, province, city, district) with a division code of that level`,
      'invalid',
      { field },
    );
  }
}

function isDivisionCodeFor(level: JurisdictionLevel, code: unknown): boolean {
  if (typeof code !== 'string' || !/^[1-9]\d{5}$/.test(code)) return false;
  switch (level) {
    case 'national':
      return code === NATIONAL.code;
    case 'province':
      return code !== NATIONAL.code && code.endsWith('0000');
    case 'city':
      return code.endsWith('00') && !code.endsWith('0000');
    case 'district':
      return !code.endsWith('00');
  }
}

export function levelRank(level: JurisdictionLevel): number {
  return JURISDICTION_LEVELS.indexOf(level);
}

export function sameJurisdiction(a: Jurisdiction, b: Jurisdiction): boolean {
  return a.level === b.level && a.code === b.code;
}

/** Whether `outer` is a higher level containing `inner` (the nation contains every division). */
export function encloses(outer: Jurisdiction, inner: Jurisdiction): boolean {
  if (levelRank(outer.level) >= levelRank(inner.level)) return false;
  switch (outer.level) {
    case 'national':
      return true;
    case 'province':
      return inner.code.slice(0, 2) === outer.code.slice(0, 2);
    case 'city':
      return inner.code.slice(0, 4) === outer.code.slice(0, 4);
    case 'district':
      return false;
  }
}

/**
 * Checks a chain such as national → province → city → district: starts at the nation, levels
 * strictly descending, each link inside the one before. A chain may stop at any level.
 */
export function requireChain(chain: readonly Jurisdiction[]): void {
  chain.forEach((link, index) => requireJurisdiction(link, `chain[${index}]`));
  const valid =
    chain.length > 0 && chain[0].level === 'national' && chain.every((link, index) => index === 0 || encloses(chain[index - 1], link));
  if (!valid) {
    throw new DomainError(
      'RULE.INVALID_CHAIN',
      `a jurisdiction chain runs from the nation down, each level inside the one above: ${chain.map((link) => `${link.level}:${link.code}`).join(' → ')}`,
    );
  }
}

/**
 * The jurisdictions enclosing a unit's 6-digit division code, national first (GB/T 2260: PPCCDD; a
 * province ends in 0000, a city in 00): the chain `RuleBook.resolve` walks.
 */
export function enclosingJurisdictions(divisionCode: string): readonly Jurisdiction[] {
  if (!/^[1-9]\d{5}$/.test(divisionCode)) {
    throw new DomainError('RULE.INVALID_JURISDICTION', `${divisionCode} is not a division code`, 'invalid', { field: 'divisionCode' });
  }
  if (divisionCode === NATIONAL.code) return [NATIONAL];
  const province: Jurisdiction = { level: 'province', code: `${divisionCode.slice(0, 2)}0000` };
  if (divisionCode.endsWith('0000')) return [NATIONAL, province];
  const city: Jurisdiction = { level: 'city', code: `${divisionCode.slice(0, 4)}00` };
  if (divisionCode.endsWith('00')) return [NATIONAL, province, city];
  return [NATIONAL, province, city, { level: 'district', code: divisionCode }];
}
