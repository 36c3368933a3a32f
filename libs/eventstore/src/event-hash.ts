import { canonicalJson, hash } from '@app/crypto';
import type { EventRow } from './event-store';
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

/** The content hash a stored row should carry, recomputed from its columns (the sealer and verify check it). */
export function rowContentHash(
  algorithm: HashAlgorithm,
  row: Pick<EventRow, 'stream_id' | 'version' | 'event_id' | 'type' | 'schema_version' | 'data' | 'metadata' | 'recorded_at'>,
  previousHash: string | null,
): string {
  return contentHash(
    algorithm,
    {
      streamId: row.stream_id,
      version: row.version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    },
    previousHash,
  );
}
