/** Identifier shapes shared by the sign-off, dual-report and obligation deciders (the registry's own shapes). */

const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const STAFF_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SM3_HEX = /^[0-9a-f]{64}$/;

export function isUnitCode(value: unknown): value is string {
  return typeof value === 'string' && UNIT_CODE.test(value);
}

export function isStaffNumber(value: unknown): value is string {
  return typeof value === 'string' && STAFF_NUMBER.test(value);
}

/** Lowercase UUID, as generated at the edge. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A digest as 64 lowercase hex characters (SM3 here). */
export function isSm3Hex(value: unknown): value is string {
  return typeof value === 'string' && SM3_HEX.test(value);
}

/** A year the platform records responsibilities for. */
export function isRecordYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 2000 && value <= 2100;
}
