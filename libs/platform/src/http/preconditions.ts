import type { IncomingMessage } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, type ApiHeaderOptions } from '@nestjs/swagger';
import { HttpProblem, PLATFORM_CODES } from './problem';

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;
const STRONG_ETAG = /^"(0|[1-9]\d{0,14})"$/;

/** `Idempotency-Key`: absent → undefined; present → 1–200 printable ASCII characters, else 400. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && IDEMPOTENCY_KEY.test(header)) return header;
  throw new HttpProblem({
    status: 400,
    code: PLATFORM_CODES.badIdempotencyKey,
    detail: 'Idempotency-Key must be 1 to 200 printable ASCII characters.',
  });
}

/**
 * `If-Match` to the stream version the caller expects. Absent or `*` → undefined (no version check).
 * Exactly one strong entity tag `"<version>"` is accepted. Weak tags (`W/"3"`) are refused with 400:
 * our ETags are always strong, and RFC 9110 compares If-Match strongly, so a weak one can never match.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = typeof header === 'string' ? header.trim() : undefined;
  if (value === '*') return undefined;
  const bad = (detail: string) => new HttpProblem({ status: 400, code: PLATFORM_CODES.badIfMatch, detail });
  if (value === undefined || value.includes(',')) throw bad('If-Match must hold exactly one entity tag, e.g. "3".');
  if (value.startsWith('W/')) throw bad('If-Match must be a strong entity tag such as "3", as sent in ETag; weak tags never match.');
  const match = STRONG_ETAG.exec(value);
  if (!match) throw bad('If-Match must be a stream version in quotes, e.g. "3".');
  return Number(match[1]);
}

/** The ETag of a stream at `version`: `"<version>"`. */
export function etag(version: number): string {
  return `"${version}"`;
}

/** Sets `ETag: "<version>"` on a read; use with `@Res({ passthrough: true })`. */
export function setETag(response: { setHeader(name: string, value: string): unknown }, version: number): void {
  response.setHeader('ETag', etag(version));
}

const IDEMPOTENCY_KEY_DOC: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Makes a retried command safe: a repeat with the same key returns the first result. 1–200 printable ASCII characters.',
};
const IF_MATCH_DOC: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the last read, e.g. "3"; the command is refused with 412 if the stream has moved on.',
};

/** Parameter decorator: the validated `Idempotency-Key`, or undefined. Documented in OpenAPI. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => parseIdempotencyKey(headerOf(context, 'idempotency-key')),
  [documentHeader(IDEMPOTENCY_KEY_DOC)],
);

/** Parameter decorator: the stream version from `If-Match`, or undefined. Documented in OpenAPI. */
export const ExpectedVersion = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => parseIfMatch(headerOf(context, 'if-match')),
  [documentHeader(IF_MATCH_DOC)],
);

/** Documents `Idempotency-Key` and `If-Match` on the route a parameter decorator sits on. */
export function documentCommandHeaders(): ParameterDecorator {
  const idempotency = documentHeader(IDEMPOTENCY_KEY_DOC);
  const ifMatch = documentHeader(IF_MATCH_DOC);
  return (target, propertyKey, index) => {
    idempotency(target, propertyKey, index);
    ifMatch(target, propertyKey, index);
  };
}

function headerOf(context: ExecutionContext, name: string): string | string[] | undefined {
  return context.switchToHttp().getRequest<IncomingMessage>().headers[name];
}

function documentHeader(options: ApiHeaderOptions): ParameterDecorator {
  return (target, propertyKey) => {
    if (propertyKey === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey);
    if (descriptor) ApiHeader(options)(target, propertyKey, descriptor);
  };
}
