import { createHash } from 'node:crypto';

/**
 * A UUID derived from a scope and the caller's Idempotency-Key, so that a retried command
 * creates the same appointment or relation id and is recognised as the same request.
 */
export function idFromKey(scope: string, key: string): string {
  const bytes = createHash('sha256').update(`${scope}\u0000${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
