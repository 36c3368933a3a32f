import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';

const VALID_CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

interface RequestContext {
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The correlation id of the request or message being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Runs `work` with `correlationId` as the current one, e.g. while handling a Kafka message. */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run({ correlationId }, work);
}

/** The caller's id when it is safe to echo and log (1–128 of `A-Z a-z 0-9 . _ : -`), else a new uuid. */
export function acceptCorrelationId(candidate: string | string[] | undefined): string {
  return typeof candidate === 'string' && VALID_CORRELATION_ID.test(candidate) ? candidate : randomUUID();
}

/** Express-style middleware: takes or makes the id, echoes it, and holds it for the rest of the request. */
export function correlationMiddleware(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const correlationId = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
  response.setHeader(CORRELATION_HEADER, correlationId);
  storage.run({ correlationId }, next);
}
