/**
 * How a broken rule is classified; the HTTP edge maps each kind to one status, once.
 * invalid → 422, conflict → 409, not_found → 404, forbidden → 403, precondition → 412.
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden' | 'precondition';

/** A broken business rule with a stable code such as `UNIT.DUPLICATE_CODE`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function rule(condition: unknown, code: string, message: string, kind: DomainErrorKind = 'invalid'): asserts condition {
  if (!condition) throw new DomainError(code, message, kind);
}
