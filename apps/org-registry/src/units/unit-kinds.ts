export const UNIT_KINDS = [
  'party_committee', // 党委
  'party_group', // 党组
  'discipline_commission', // 纪委
  'discipline_inspection_group', // 纪检组
  'government_department',
  'township',
  'enterprise_institution',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** `district` covers districts and counties (区/县). */
export const UNIT_LEVELS = ['province', 'city', 'district', 'township', 'department'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Kinds that carry the main responsibility and hold the pairing with their supervisor. */
export const SUPERVISED_KINDS: readonly UnitKind[] = ['party_committee', 'party_group'];
/** Kinds that carry the supervisory responsibility. */
export const SUPERVISING_KINDS: readonly UnitKind[] = ['discipline_commission', 'discipline_inspection_group'];

export function isUnitKind(value: unknown): value is UnitKind {
  return (UNIT_KINDS as readonly unknown[]).includes(value);
}

export function isUnitLevel(value: unknown): value is UnitLevel {
  return (UNIT_LEVELS as readonly unknown[]).includes(value);
}

const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isUnitCode(value: unknown): value is string {
  return typeof value === 'string' && UNIT_CODE.test(value);
}

/**
 * A 6-digit administrative division code (PPCCDD) fitting the level: a province ends in 0000, a
 * city in 00 (not 0000), a district or county does not end in 00. Townships and departments sit
 * inside a division of any level.
 */
export function isJurisdictionCodeFor(level: UnitLevel, code: unknown): boolean {
  if (typeof code !== 'string' || !/^[1-9]\d{5}$/.test(code)) return false;
  switch (level) {
    case 'province':
      return code.endsWith('0000');
    case 'city':
      return code.endsWith('00') && !code.endsWith('0000');
    case 'district':
      return !code.endsWith('00');
    case 'township':
    case 'department':
      return true;
  }
}
