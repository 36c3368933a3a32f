import { canonicalJson, hash } from '@app/crypto';
import type { EventMetadata, HashAlgorithm } from './stored-event';

export interface HashedContent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/**
 * Hash of one event over its canonical content and the hash of the stream's previous event,
 * so that editing, removing or inserting an event inside a stream breaks the stream's chain.
 */
export function contentHash(algorithm: HashAlgorithm, event: HashedContent, previousHash: string | null): string {
  const canonical = canonicalJson({
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
    previousHash,
  });
  return hash(algorithm, canonical).toString('hex');
}

/** Link of the global seal: previous link, place in the seal, position and the event's own hash. */
export function chainHash(
  algorithm: HashAlgorithm,
  previousChainHash: string | null,
  seq: number,
  position: number,
  eventHash: string,
): string {
  return hash(algorithm, `${previousChainHash ?? ''}|${seq}|${position}|${eventHash}`).toString('hex');
}
