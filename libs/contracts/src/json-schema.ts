/**
 * The small part of JSON Schema (draft 2020-12) the contracts use, with helpers to write schemas
 * that read like the TypeScript types beside them. No imports: contracts depend on nothing.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** An object whose properties are exactly `Keys`, each required unless listed in `optional`. */
export interface ObjectSchema<Keys extends string = string> extends JsonSchema {
  readonly type: 'object';
  readonly properties: { readonly [K in Keys]: JsonSchema };
  readonly required: readonly Keys[];
  readonly additionalProperties: false;
}

export function object<Keys extends string>(
  properties: { readonly [K in Keys]: JsonSchema },
  optional: readonly NoInfer<Keys>[] = [],
  description?: string,
): ObjectSchema<Keys> {
  const keys = Object.keys(properties) as Keys[];
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: keys.filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

export const text = (description?: string): JsonSchema => ({ type: 'string', minLength: 1, ...(description ? { description } : {}) });
export const day = (description?: string): JsonSchema => ({
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: description ?? 'Calendar day YYYY-MM-DD, China Standard Time',
});
export const uuid: JsonSchema = { type: 'string', format: 'uuid' };
export const instant: JsonSchema = { type: 'string', format: 'date-time' };
export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: values });
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
export const listOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
