import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblem, PLATFORM_CODES } from './problem';

/** Paths answered whatever the load: probes and metrics must see an overloaded service as it is. */
const ALWAYS_ADMITTED = /^\/(health|metrics)(\/|$|\?)/;

/**
 * Admission control: at most `limit` requests in progress; one more is answered at once with 503
 * `SERVICE.OVERLOADED` and `Retry-After`, before its body is read. Past saturation the service then
 * goes on answering what it admitted at its own pace, instead of queueing without bound (latency
 * and memory growing with the queue until every answer is late). A command refused so wrote
 * nothing: the client retries it with the same `Idempotency-Key`.
 */
export function admissionMiddleware(
  limit: number,
  onRefused?: () => void,
): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void {
  let inFlight = 0;
  return (request, response, next) => {
    if (ALWAYS_ADMITTED.test(request.url ?? '')) {
      next();
      return;
    }
    if (inFlight >= limit) {
      onRefused?.();
      next(
        new HttpProblem({
          status: 503,
          code: PLATFORM_CODES.overloaded,
          detail: `The service has ${limit} requests in progress, its limit; retry in a moment (a command with the same Idempotency-Key).`,
          headers: { 'Retry-After': '1' },
        }),
      );
      return;
    }
    inFlight += 1;
    let done = false;
    const release = (): void => {
      if (done) return;
      done = true;
      inFlight -= 1;
    };
    response.once('finish', release);
    response.once('close', release);
    next();
  };
}
