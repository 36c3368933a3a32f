/**
 * Envelope of every integration event published to Kafka. Versioned: a consumer reads
 * `envelopeVersion` first. No framework imports in this library.
 */
export const ENVELOPE_VERSION = 1 as const;

export interface IntegrationActor {
  readonly personId: string;
  readonly unitId?: string;
}

export interface IntegrationEnvelope<Type extends string = string, Data = unknown> {
  readonly envelopeVersion: typeof ENVELOPE_VERSION;
  /** Unique message id (the id of the stored event it comes from); consumers dedupe on it. */
  readonly id: string;
  /** Stable public type name, e.g. `registry.UnitRegistered`. */
  readonly type: Type;
  /** Schema version of `data` for this type. */
  readonly version: number;
  /** Producing service, e.g. `org-registry`. */
  readonly source: string;
  readonly streamId: string;
  readonly streamVersion: number;
  /** Global position of the stored event in the producer's log. */
  readonly position: number;
  /** Content hash of the stored event (hex), as verified by the producer's audit. */
  readonly hash: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: IntegrationActor;
  readonly unitId?: string;
  readonly data: Data;
}

/** Kafka header names carried beside the envelope. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  messageType: 'x-message-type',
  messageId: 'x-message-id',
} as const;
