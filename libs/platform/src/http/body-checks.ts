import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblem } from './problem';
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
