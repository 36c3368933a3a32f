import { CryptoInputError } from './crypto-error';

/** String.prototype.isWellFormed (ES2024, in Node 20): false when a lone surrogate is present. */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * RFC 8785 (JCS) serialisation: object keys sorted by UTF-16 code units, no whitespace, numbers as
 * ECMAScript writes them, strings as JSON.stringify writes them.
 *
 * Decisions, chosen so that a value hashes the same before it is stored and after it is read back
 * from a JSON column:
 * - an object property whose value is `undefined` is left out, as JSON.stringify leaves it out;
 *   `undefined` anywhere else (top level, array element, array hole) is rejected;
 * - a valid `Date` becomes its ISO 8601 string (what JSON.stringify stores); an invalid Date is rejected;
 * - rejected too: functions, symbols, bigints, NaN and ±Infinity, strings or keys with a lone
 *   surrogate (not I-JSON), cycles, and objects other than plain objects, arrays and Dates
 *   (Map, Set, Buffer, class instances, boxed primitives …).
 */
export function canonicalJson(value: unknown): string {
  try {
    // Without paths first: building one per member costs a tenth of the time, and only an error needs it.
    return serialise(value, undefined, new Set());
  } catch {
    return serialise(value, '$', new Set());
  }
}

/** Where in the value we are (`$.data.items[2]`), or undefined when not tracked. */
type Path = string | undefined;

function serialise(value: unknown, path: Path, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return jsonString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(path, `the number ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw unsupported(path, 'an invalid Date has no JSON form');
        return jsonString(value.toISOString(), path);
      }
      if (ancestors.has(value)) throw unsupported(path, 'the value contains a cycle');
      ancestors.add(value);
      try {
        return Array.isArray(value) ? serialiseArray(value, path, ancestors) : serialiseObject(value, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
    default:
      throw unsupported(path, `a value of type ${typeof value} has no JSON form`);
  }
}

function serialiseArray(array: readonly unknown[], path: Path, ancestors: Set<object>): string {
  const items: string[] = [];
  for (let i = 0; i < array.length; i++) {
    const itemPath = path === undefined ? undefined : `${path}[${i}]`;
    if (array[i] === undefined) throw unsupported(itemPath, 'an array element is undefined');
    items.push(serialise(array[i], itemPath, ancestors));
  }
  return `[${items.join(',')}]`;
}

function serialiseObject(object: object, path: Path, ancestors: Set<object>): string {
  // A plain object of any realm (another vm context's JSON.parse, a test sandbox): its prototype is
  // null or some realm's Object.prototype, whose own prototype is null. Class instances are not.
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
    throw unsupported(path, `a ${object.constructor?.name ?? 'non-plain'} object is not a plain object`);
  }
  const record = object as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    const memberPath = path === undefined ? undefined : `${path}.${key}`;
    members.push(`${jsonString(key, memberPath)}:${serialise(record[key], memberPath, ancestors)}`);
  }
  return `{${members.join(',')}}`;
}

function jsonString(text: string, path: Path): string {
  if (!isWellFormed(text)) throw unsupported(path, 'a string contains a lone UTF-16 surrogate');
  return JSON.stringify(text);
}

function unsupported(path: Path, reason: string): CryptoInputError {
  return new CryptoInputError('CANONICAL_JSON.UNSUPPORTED_VALUE', `Cannot canonicalise ${path ?? '$'}: ${reason}.`);
}
