import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { etag } from '@app/platform';

/**
 * Sets `ETag: "<version>"` on every answer that carries the stream's `version` at its top level:
 * a command's result and a stream's detail read. The client sends it back in `If-Match`.
 */
@Injectable()
export class VersionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): unknown; headersSent: boolean }>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (Number.isSafeInteger(version) && !response.headersSent) response.setHeader('ETag', etag(version as number));
        return body;
      }),
    );
  }
}
