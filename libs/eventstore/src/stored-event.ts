import type { Actor } from '@app/domain';

export type { HashAlgorithm } from '@app/crypto';

export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string;
  /** Unit the event concerns, for per-object authorisation of audit reads. */
  readonly unitId?: string;
  /** When the fact happened in the world, if it differs from when it was recorded. */
  readonly occurredAt?: string;
}

/** An event as it is kept in the log. */
export interface StoredEvent<Type extends string = string, Data = unknown> {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
  /** Hex of the hash over the canonical content, which includes the stream's previous hash. */
  readonly contentHash: string;
  /**
   * The shape as stored, which the hash covers, when it differs from what `schemaVersion` and
   * `data` above show: an upcaster lifted it to a newer schema version, or it holds personal
   * values, stored encrypted (personal-data.ts) and shown decrypted, masked or erased above.
   */
  readonly stored?: { readonly schemaVersion: number; readonly data: unknown };
}

/** A stored event with its place in the seal: the gap-free, commit-ordered chain of the log. */
export interface SealedEvent<Type extends string = string, Data = unknown> extends StoredEvent<Type, Data> {
  readonly seq: number;
  readonly chainHash: string;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly schemaVersion?: number;
}

/** An integration message written to the outbox in the same transaction as the events. */
export interface OutboxMessage {
  /** Index into the appended events of the event this message announces. */
  readonly eventIndex: number;
  readonly topic: string;
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
  /** Business time of the fact (ISO instant); the command's time when left out. */
  readonly occurredAt?: string;
}

export interface AppendResult {
  readonly streamId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly positions: readonly number[];
  readonly eventIds: readonly string[];
  /** True when an earlier command with the same idempotency key produced this result. */
  readonly replayed: boolean;
  /** Content hash of the last appended event, the `previousHash` of the stream's next append (not on replays). */
  readonly lastContentHash?: string;
}
