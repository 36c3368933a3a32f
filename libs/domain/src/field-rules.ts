import { DomainError } from './domain-error';
import { containsNationalId } from './national-id';

/**
 * Checks on values as they arrive from the edge, shared by the services' deciders. Each
 * refusal is an `invalid` DomainError whose details name the offending field.
 */

export function fieldError(code: string, message: string, field: string): DomainError {
  return new DomainError(code, message, 'invalid', { field });
}

export function fieldRule(condition: unknown, code: string, message: string, field: string): asserts condition {
  if (!condition) throw fieldError(code, message, field);
}

/** Trimmed text of 1 to `max` characters that carries no national ID number. */
export function requiredText(value: unknown, field: string, max: number, code = 'TEXT.REQUIRED'): string {
  const text = optionalText(value, field, max);
  fieldRule(text !== undefined, code, `${field} needs 1 to ${max} characters`, field);
  return text;
}

/** Trimmed text of at most `max` characters, undefined when absent or blank; never a national ID number. */
export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  fieldRule(typeof value === 'string', 'TEXT.NOT_TEXT', `${field} must be text`, field);
  const text = value.trim();
  fieldRule(text.length <= max, 'TEXT.TOO_LONG', `${field} is limited to ${max} characters`, field);
  fieldRule(!containsNationalId(text), 'TEXT.NATIONAL_ID', `${field} must not carry a national ID number`, field);
  return text.length > 0 ? text : undefined;
}

const STAFF_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A staff number as the registry issues them; a national ID number is refused even where it fits the shape. */
export function requireStaffNumber(value: unknown, field: string): string {
  fieldRule(typeof value === 'string' && STAFF_NUMBER.test(value), 'PERSON.INVALID_STAFF_NUMBER', `${field} is not a staff number`, field);
  fieldRule(!containsNationalId(value), 'TEXT.NATIONAL_ID', `${field} must not be a national ID number`, field);
  return value;
}

/** At least one staff number; repeats are dropped, the first mention keeps its place. */
export function requireStaffNumbers(value: unknown, field: string, emptyCode: string): readonly string[] {
  fieldRule(Array.isArray(value) && value.length > 0, emptyCode, `${field} names at least one person`, field);
  const numbers = (value as readonly unknown[]).map((n, i) => requireStaffNumber(n, `${field}[${i}]`));
  return [...new Set(numbers)];
}

export function requireUnitCode(value: unknown, field: string): string {
  fieldRule(typeof value === 'string' && UNIT_CODE.test(value), 'UNIT.INVALID_CODE', `${field} is not a unit code`, field);
  return value;
}

export function requireUuid(value: unknown, field: string): string {
  fieldRule(typeof value === 'string' && UUID.test(value), 'ID.INVALID', `${field} is not a UUID`, field);
  return value.toLowerCase();
}

/** A year the platform keeps records for. */
export function requireYear(value: unknown, field: string): number {
  fieldRule(
    Number.isInteger(value) && (value as number) >= 2000 && (value as number) <= 2100,
    'YEAR.INVALID',
    `${field} is not a year`,
    field,
  );
  return value as number;
}
