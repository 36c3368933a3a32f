import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
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

/**
 * The global pipe: unknown fields are refused, each bad field named, DTOs instantiated. A body
 * that should be a DTO but is an array or a bare value is refused as a whole.
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
      const unsafe = unsafeText(value, metadata.data ?? (metadata.type === 'body' ? '' : `(${metadata.type})`));
      if (unsafe !== undefined) {
        throw invalidRequest([
          { field: unsafe || '(body)', message: 'Text must not contain NUL characters or unpaired UTF-16 surrogates.' },
        ]);
      }
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
 * The path of the first string (or key) holding U+0000 or a lone surrogate, which PostgreSQL and
 * the hash chain's canonical JSON cannot store; undefined when all text is well formed.
 */
export function unsafeText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isSafeText(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeText(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = joinPath(path, key);
    if (!isSafeText(key)) return field;
    const found = unsafeText(item, field);
    if (found !== undefined) return found;
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
