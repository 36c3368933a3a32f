import type { IncomingMessage } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMetadata } from '@app/domain';
import { currentCorrelationId, documentCommandHeaders, parseIdempotencyKey, parseIfMatch, type Principal } from '@app/platform';

/**
 * Who sends a command and how, whatever the edge: the verified caller, the request's
 * `Idempotency-Key` and `If-Match`, and the instant it arrived. HTTP controllers take it with
 * `@CommandContextOf()`; an import job, a scheduler or a process manager builds one with
 * {@link commandContext}.
 */
export interface CommandContext {
  readonly principal: Principal;
  readonly idempotencyKey?: string;
  /**
   * Whose keys these are: the caller's person id unless set. A retry by the same caller replays its
   * first result; the same key from someone else is another request.
   */
  readonly idempotencyScope?: string;
  readonly expectedVersion?: number;
  readonly now: Date;
  readonly correlationId: string;
  /** The message or command this one was caused by (a process manager's trigger). */
  readonly causationId?: string;
}

export function commandContext(principal: Principal, options: Partial<Omit<CommandContext, 'principal'>> = {}): CommandContext {
  return {
    principal,
    now: options.now ?? new Date(),
    correlationId: options.correlationId ?? currentCorrelationId() ?? 'none',
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    ...(options.idempotencyScope === undefined ? {} : { idempotencyScope: options.idempotencyScope }),
    ...(options.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion }),
    ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
  };
}

/** A decider command's clock and actor, acting for `unitCode` when given. */
export function metadataOf(context: CommandContext, unitCode?: string): CommandMetadata {
  return { now: context.now, actor: { personId: context.principal.personId, ...(unitCode ? { unitId: unitCode } : {}) } };
}

const fromRequest = createParamDecorator((_data: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<IncomingMessage & { principal: Principal }>();
  return commandContext(request.principal, {
    idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
    expectedVersion: parseIfMatch(request.headers['if-match']),
  });
});

/**
 * Parameter decorator for command routes: the {@link CommandContext} of the request. The
 * `Idempotency-Key` and `If-Match` headers are validated (400 when malformed) and documented in
 * OpenAPI like `@IdempotencyKey()` and `@ExpectedVersion()`.
 */
export function CommandContextOf(): ParameterDecorator {
  // Every command honours If-Match, those that start a stream too ("0": it must not exist yet).
  const document = documentCommandHeaders();
  return (target, propertyKey, index) => {
    fromRequest()(target, propertyKey, index);
    document(target, propertyKey, index);
  };
}
