import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a handler's error to the inbox server as it was thrown (Nest's default RPC filter
 * replaces unknown errors with "Internal server error"), so retries, logs and dead letters
 * carry the real message. Register on the microservice: `useGlobalFilters(new InboxErrorFilter())`.
 */
@Catch()
export class InboxErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
