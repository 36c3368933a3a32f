import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@app/domain';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Codes the platform itself answers with; services add their own (`CASE.ALREADY_CLOSED`). */
export const PLATFORM_CODES = {
  invalidRequest: 'REQUEST.INVALID',
  malformedJson: 'REQUEST.MALFORMED_JSON',
  tooLarge: 'REQUEST.TOO_LARGE',
  badIdempotencyKey: 'REQUEST.BAD_IDEMPOTENCY_KEY',
  badIfMatch: 'REQUEST.BAD_IF_MATCH',
  routeNotFound: 'REQUEST.NOT_FOUND',
  unauthenticated: 'AUTH.UNAUTHENTICATED',
  forbidden: 'AUTH.FORBIDDEN',
  notReady: 'HEALTH.NOT_READY',
  databaseUnavailable: 'SERVICE.DATABASE_UNAVAILABLE',
  overloaded: 'SERVICE.OVERLOADED',
  internal: 'INTERNAL',
} as const;

export interface FieldError {
  /** Path of the offending input, e.g. `rows[3].code`. */
  readonly field: string;
  readonly message: string;
}

/** RFC 9457 problem details with this project's extension members. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export interface HttpProblemOptions {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  /** Extra members for the body, e.g. the failed health checks. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/** An HTTP failure the platform renders as problem+json with a stable code, detail kept as written. */
export class HttpProblem extends HttpException {
  readonly code: string;
  readonly errors?: readonly FieldError[];
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;

  constructor(options: HttpProblemOptions) {
    super(options.detail, options.status, { cause: options.cause, errorCode: options.code });
    this.code = options.code;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}

export const STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 422,
  conflict: 409,
  not_found: 404,
  forbidden: 403,
  precondition: 412,
};

const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'REQUEST.BAD_REQUEST',
  401: PLATFORM_CODES.unauthenticated,
  403: PLATFORM_CODES.forbidden,
  404: PLATFORM_CODES.routeNotFound,
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  406: 'REQUEST.NOT_ACCEPTABLE',
  408: 'REQUEST.TIMEOUT',
  413: PLATFORM_CODES.tooLarge,
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.TOO_MANY',
};

export interface RenderedProblem {
  readonly body: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  /** Set when the failure is ours, not the caller's: log it in full, never send it. */
  readonly unexpected?: unknown;
}

/**
 * Maps anything thrown while handling a request to the problem sent back. Pure: the filter
 * writes the result and logs `unexpected`.
 */
export function toProblem(exception: unknown, request: { readonly instance: string; readonly correlationId?: string }): RenderedProblem {
  const problem = (status: number, code: string, detail: string, more: Partial<ProblemDetails> = {}): ProblemDetails => ({
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: request.instance,
    ...(request.correlationId ? { correlationId: request.correlationId } : {}),
    ...more,
  });

  if (exception instanceof DomainError) {
    const more = exception.details ? { details: exception.details } : {};
    return { body: problem(STATUS_OF_KIND[exception.kind] ?? 422, exception.code, exception.message, more), headers: {} };
  }
  if (exception instanceof HttpProblem) {
    const more = { ...exception.extensions, ...(exception.errors ? { errors: exception.errors } : {}) };
    return { body: problem(exception.getStatus(), exception.code, exception.message, more), headers: { ...exception.headers } };
  }
  if (exception instanceof HttpException && exception.cause instanceof HttpProblem) {
    // A refusal raised inside the body parser (e.g. a body that is not UTF-8), wrapped by Nest.
    return toProblem(exception.cause, request);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) return internal(problem, exception);
    if (isBodyParserError(exception.cause, 'entity.parse.failed')) {
      return { body: problem(400, PLATFORM_CODES.malformedJson, 'The request body is not valid JSON.'), headers: {} };
    }
    const code = exception.errorCode ?? CODE_OF_STATUS[status] ?? `HTTP.${status}`;
    const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
    return { body: problem(status, code, detailOf(exception)), headers };
  }
  if (isDatabaseUnavailable(exception)) {
    const detail =
      'The database session was lost or the database is unavailable; the command may be retried (with the same Idempotency-Key).';
    return { body: problem(503, PLATFORM_CODES.databaseUnavailable, detail), headers: { 'Retry-After': '1' }, unexpected: exception };
  }
  return internal(problem, exception);
}

/** PostgreSQL states of a lost or refused session: shutdown, termination, overload, connection failures (class 08). */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const UNAVAILABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES =
  /connection terminated|terminating connection|Connection terminated unexpectedly|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable/i;

/**
 * Whether an error means the database session was lost or could not be had (the service's fault
 * for now, not the request's): answered 503 with Retry-After, not 500. Looks through TypeORM's
 * `driverError` and `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const { code, message, name, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  // TypeORM releases a query runner whose session was lost; the transaction's next query then fails
  // so (through the runner itself, or through its EntityManager's `query`).
  if (name === 'QueryRunnerAlreadyReleasedError' || name === 'QueryRunnerProviderAlreadyReleasedError') return true;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_NETWORK_CODES.has(code) || /^08/.test(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return [driverError, cause].some((inner) => inner !== undefined && inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** A URI reference naming the problem type; stable because the code is. */
export function problemType(code: string): string {
  return `/problems/${code.toLowerCase()}`;
}

function internal(problem: (status: number, code: string, detail: string) => ProblemDetails, exception: unknown): RenderedProblem {
  const detail = 'An unexpected error occurred. Quote the correlation id when reporting it.';
  return { body: problem(500, PLATFORM_CODES.internal, detail), headers: {}, unexpected: exception };
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

function isBodyParserError(cause: unknown, type: string): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { type?: unknown }).type === type;
}
