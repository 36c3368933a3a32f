import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { containsNationalId } from '@app/domain';
import { HttpProblem, PLATFORM_CODES, type FieldError } from './problem';

/** Flattens class-validator errors into one entry per offending field, paths like `rows[3].code`. */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: field || '(body)', message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export function invalidRequest(errors: readonly FieldError[]): HttpProblem {
  const fields = [...new Set(errors.map((error) => error.field))];
  return new HttpProblem({
    status: 400,
    code: PLATFORM_CODES.invalidRequest,
    detail: `The request is not valid: ${fields.join(', ')}.`,
    errors,
  });
}

/** Codes of the edge's own refusals, beside {@link PLATFORM_CODES}. */
export const INPUT_CODES = {
  tooDeep: 'REQUEST.TOO_DEEP',
  unsupportedMediaType: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  invalidEncoding: 'REQUEST.INVALID_ENCODING',
  headersTooLarge: 'REQUEST.HEADERS_TOO_LARGE',
  malformedRequest: 'REQUEST.MALFORMED',
} as const;

/** Deepest nesting of objects and arrays a request may have: every walk over it stays shallow. */
export const MAX_INPUT_DEPTH = 64;

/** Keys that name an object's prototype machinery: refused like any other unknown field, never dropped silently. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The global pipe, for what comes over HTTP (body, query, path): text that cannot be stored
 * (NUL, unpaired surrogates), national ID numbers, prototype keys and nesting deeper than
 * {@link MAX_INPUT_DEPTH} are refused before any DTO is built; then unknown fields are refused,
 * each bad field named, DTOs instantiated. A body that should be a DTO but is an array or a bare
 * value is refused as a whole. Transports other than HTTP (the Kafka inbox) are not touched.
 */
export function createValidationPipe(): PipeTransform {
  const pipe = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => invalidRequest(fieldErrors(errors)),
  });
  return {
    transform(value: unknown, metadata: ArgumentMetadata) {
      if (metadata.type === 'custom') return value;
      const problem = inputProblem(value, metadata.data ?? (metadata.type === 'body' ? '' : `(${metadata.type})`));
      if (problem) throw problem;
      if (
        metadata.type === 'body' &&
        expectsDto(metadata) &&
        value !== undefined &&
        (value === null || typeof value !== 'object' || Array.isArray(value))
      ) {
        throw invalidRequest([{ field: '(body)', message: 'The body must be a JSON object.' }]);
      }
      return pipe.transform(value, metadata);
    },
  };
}

/**
 * The first thing in a request that must not go further, as a 400 problem naming the field; undefined
 * when there is none. Walks iteratively (no recursion, so no stack to overflow) and at most
 * {@link MAX_INPUT_DEPTH} levels deep.
 */
export function inputProblem(value: unknown, path = ''): HttpProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, path: field, depth } = next;
    if (typeof item === 'string') {
      const problem = textProblem(item, field);
      if (problem) return problem;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return new HttpProblem({
        status: 400,
        code: INPUT_CODES.tooDeep,
        detail: `The request nests objects or arrays deeper than ${MAX_INPUT_DEPTH} levels (at ${field || '(body)'}).`,
      });
    }
    const entries: [string, unknown][] = Array.isArray(item) ? item.map((v, i) => [`${field}[${i}]`, v]) : [];
    if (!Array.isArray(item)) {
      for (const [key, v] of Object.entries(item)) {
        const keyPath = joinPath(field, key);
        if (FORBIDDEN_KEYS.has(key)) return invalidRequest([{ field: keyPath, message: `${key} is not a field of this request` }]);
        const problem = textProblem(key, keyPath);
        if (problem) return problem;
        entries.push([keyPath, v]);
      }
    }
    for (let i = entries.length - 1; i >= 0; i--) pending.push({ path: entries[i][0], value: entries[i][1], depth: depth + 1 });
  }
  return undefined;
}

function textProblem(text: string, field: string): HttpProblem | undefined {
  if (!isSafeText(text)) {
    return invalidRequest([{ field: field || '(body)', message: 'Text must not contain NUL characters or unpaired UTF-16 surrogates.' }]);
  }
  if (containsNationalId(text)) {
    return invalidRequest([{ field: field || '(body)', message: 'National ID numbers (身份证号码) are never recorded; remove it.' }]);
  }
  return undefined;
}
function isSafeText(text: string): boolean {
  return !text.includes('\u0000') && (text as string & { isWellFormed(): boolean }).isWellFormed();
}

const NOT_DTOS: readonly unknown[] = [Object, Array, String, Number, Boolean];

function expectsDto(metadata: ArgumentMetadata): boolean {
  return typeof metadata.metatype === 'function' && !NOT_DTOS.includes(metadata.metatype) && metadata.data === undefined;
}

function joinPath(parent: string, property: string | undefined): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
