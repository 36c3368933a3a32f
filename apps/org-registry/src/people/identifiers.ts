const STAFF_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isStaffNumber(value: unknown): value is string {
  return typeof value === 'string' && STAFF_NUMBER.test(value);
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
