import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { currentCorrelationId } from '../context/correlation';
import type { Logger } from '../logging/logger';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** The one global filter: every failure leaves as problem+json; unexpected ones are logged, not sent. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const response = http.getResponse<ServerResponse>();
    const correlationId = currentCorrelationId();
    const { body, headers, unexpected } = toProblem(exception, { instance: pathOf(request), correlationId });

    if (unexpected !== undefined) {
      this.logger.error({ err: unexpected, correlationId, method: request.method, instance: body.instance }, 'unexpected error');
    } else if (body.status >= 500) {
      this.logger.warn({ code: body.code, status: body.status }, body.detail);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.statusCode = body.status;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.end(JSON.stringify(body));
  }
}

/** The path only: a query string may carry personal data. */
function pathOf(request: IncomingMessage & { originalUrl?: string }): string {
  return (request.originalUrl ?? request.url ?? '/').split('?')[0] ?? '/';
}
