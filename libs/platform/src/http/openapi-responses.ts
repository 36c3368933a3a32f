import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { PLATFORM_CODES, PROBLEM_CONTENT_TYPE } from './problem';
import { INPUT_CODES } from './validation';

/** Where the problem+json body is declared in every service's document (see setupOpenApi). */
export const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/** The problem codes an operation can answer with, by status: `{ 404: ['UNIT.NOT_FOUND'] }`. */
export type Problems = Readonly<Partial<Record<number, readonly string[]>>>;

/** A route that needs a bearer token. */
export const AUTH_PROBLEMS: Problems = { 401: [PLATFORM_CODES.unauthenticated] };
/** A route that needs a bearer token and one of some roles (or an object-level right). */
export const ROLE_PROBLEMS: Problems = { ...AUTH_PROBLEMS, 403: [PLATFORM_CODES.forbidden] };
/** Path or query parameters, checked by the validation pipe. */
export const PARAMETER_PROBLEMS: Problems = { 400: [PLATFORM_CODES.invalidRequest] };
/** A JSON body, checked at the edge before any DTO is built. */
export const BODY_PROBLEMS: Problems = {
  400: [PLATFORM_CODES.invalidRequest, PLATFORM_CODES.malformedJson, INPUT_CODES.tooDeep, INPUT_CODES.invalidEncoding],
  413: [PLATFORM_CODES.tooLarge],
  415: [INPUT_CODES.unsupportedMediaType],
};

/** The union of problem sets, each status's codes once and in order of first mention. */
export function mergeProblems(...sets: readonly Problems[]): Problems {
  const merged: Record<number, string[]> = {};
  for (const set of sets) {
    for (const [status, codes] of Object.entries(set)) {
      const list = (merged[Number(status)] ??= []);
      for (const code of codes ?? []) if (!list.includes(code)) list.push(code);
    }
  }
  return merged;
}

/** Documents each status of `problems` as a problem+json response naming the codes the route can give. */
export function ApiProblems(...sets: readonly Problems[]): MethodDecorator & ClassDecorator {
  const entries = Object.entries(mergeProblems(...sets)).sort(([a], [b]) => Number(a) - Number(b));
  return applyDecorators(
    ...entries.map(([status, codes]) =>
      ApiResponse({
        status: Number(status),
        description: `Problem details with code ${(codes ?? []).join(', ')}`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
      }),
    ),
  );
}

export interface ReadDoc {
  readonly summary: string;
  readonly description: string;
  /** The answer's schema class (`[X]` for an array). */
  readonly type: Type<unknown> | [Type<unknown>];
  /** Route-specific problems, beside 401 and 403 (and 400 when `parameters`). */
  readonly problems?: Problems;
  /** The route takes path or query parameters (400 REQUEST.INVALID). Default true. */
  readonly parameters?: boolean;
}

/**
 * A read for authenticated callers: operation, 200 schema, and its problems (401; 403, since reads
 * apply the caller's roles and units; 400 for parameters; the route's own).
 */
export function ApiRead(doc: ReadDoc): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiOkResponse({ type: doc.type }),
    ApiProblems(ROLE_PROBLEMS, doc.parameters === false ? {} : PARAMETER_PROBLEMS, doc.problems ?? {}),
  );
}
