/**
 * The value as plain JSON data, as it is stored: class instances become plain objects (their own
 * enumerable fields), dates ISO strings, `undefined` fields disappear. Hashes and request
 * fingerprints are computed over this form, so they match what a reader of the stored row sees.
 */
export function plainData<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
