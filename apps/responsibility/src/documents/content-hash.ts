import { canonicalJson, hash } from '@app/crypto';
import type { DocumentContent } from './document-content';

/**
 * The content hash of a document version: SM3 (GB/T 32905) of the UTF-8 bytes of the RFC 8785
 * canonical JSON of the version's `content` object exactly as stored, as 64 lowercase hex
 * characters. Example: `{"body":"正文","title":"标题"}` (keys sorted, no whitespace) for a text
 * document. Any client can reproduce it with a JCS serialiser and SM3.
 */
export function documentContentHash(content: DocumentContent | Readonly<Record<string, unknown>>): string {
  return hash('sm3', canonicalJson(content)).toString('hex');
}
