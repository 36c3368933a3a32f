const STAFF_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESIDENT_ID_CANDIDATE = /^\d{17}[\dXx]$/;
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

export function isStaffNumber(value: unknown): value is string {
  return typeof value === 'string' && STAFF_NUMBER.test(value);
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * True when the text contains an 18-character resident identity number (GB 11643, valid check
 * character). The registry never stores national ID numbers, not even by mistake in a free field.
 */
export function containsNationalId(text: string | undefined): boolean {
  if (!text) return false;
  for (let start = 0; start + 18 <= text.length; start++) {
    const candidate = text.slice(start, start + 18);
    if (!RESIDENT_ID_CANDIDATE.test(candidate)) continue;
    const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(candidate[i]), 0);
    if (RESIDENT_ID_CHECK[sum % 11] === candidate[17].toUpperCase()) return true;
  }
  return false;
}
