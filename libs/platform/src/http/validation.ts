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
      if (metadata.type === 'body' && expectsDto(metadata) && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
        throw invalidRequest([{ field: '(body)', message: 'The body must be a JSON object.' }]);
      }
      return pipe.transform(value, metadata);
    },
  };
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

