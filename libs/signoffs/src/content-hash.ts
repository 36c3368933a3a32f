import { canonicalJson, hash } from '@app/crypto';

/**
 * The content hash of a signed text: SM3 (GB/T 32905) of the UTF-8 bytes of the RFC 8785
 * canonical JSON of the content object exactly as stored, as 64 lowercase hex characters.
 * Example: `{"body":"正文","title":"标题"}` (keys sorted, no whitespace). Any client can reproduce it
 * with a JCS serialiser and SM3; it is what a signer's statement names (`content-sm3=`).
 */
export function canonicalContentHash(content: Readonly<Record<string, unknown>> | object): string {
  return hash('sm3', canonicalJson(content)).toString('hex');
}
