import { isUtf8 } from 'node:buffer';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpProblem, PROBLEM_CONTENT_TYPE, toProblem } from './problem';
import { INPUT_CODES } from './validation';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*(?:;|$)/i;

/**
 * A request that carries a body must say it is JSON (or a multipart upload, for file routes):
 * anything else is refused with 415 instead of being read as an empty command.
 */
export function requireKnownBodyType(request: IncomingMessage, _response: ServerResponse, next: (error?: unknown) => void): void {
  const hasBody =
    (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') ||
    request.headers['transfer-encoding'] !== undefined;
  const type = request.headers['content-type'] ?? '';
  if (!hasBody || JSON_TYPE.test(type) || MULTIPART_TYPE.test(type)) {
    next();
    return;
  }
  next(
    new HttpProblem({
      status: 415,
      code: INPUT_CODES.unsupportedMediaType,
      detail: `Send the body as application/json${type ? `, not ${type.split(';')[0]}` : ' (the Content-Type header is missing)'}.`,
      headers: { 'Accept-Post': 'application/json' },
    }),
  );
}

/** body-parser `verify`: a JSON body must be valid UTF-8 (no replacement characters stored in its place). */
export function requireUtf8(_request: IncomingMessage, _response: ServerResponse, body: Buffer): void {
  if (!isUtf8(body)) {
    throw new HttpProblem({
      status: 400,
      code: INPUT_CODES.invalidEncoding,
      detail: 'The body is not valid UTF-8; send JSON encoded as UTF-8.',
    });
  }
}

/** What Node's HTTP parser refuses before any route runs, by its error code; anything else is a 400. */
const PARSER_REFUSALS: Readonly<Record<string, { status: number; code: string; detail: string }>> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: INPUT_CODES.headersTooLarge,
    detail: 'The request line and headers are larger than the server reads (16 KB); send long values in the body.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST.TIMEOUT', detail: 'The request was not received in time.' },
};

/**
 * The HTTP server's `clientError` listener: a request the parser refuses (headers over 16 KB, a
 * malformed request line) is answered as problem+json like every other refusal, not with Node's
 * bare status line. A connection already gone is just closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const refusal = PARSER_REFUSALS[error.code ?? ''] ?? {
    status: 400,
    code: INPUT_CODES.malformedRequest,
    detail: 'The request is not well-formed HTTP/1.1.',
  };
  const body = JSON.stringify(toProblem(new HttpProblem(refusal), { instance: '' }).body);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
