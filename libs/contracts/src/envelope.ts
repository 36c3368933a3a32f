/**
 * Envelope of every integration event published to Kafka. Versioned: a consumer reads
 * `envelopeVersion` first. No framework imports in this library.
 *
 * Version 2: `payloadHash` covers exactly the `data` a consumer receives (v1's `hash` covered the
 * stored event, private fields included: now `eventHash`), `topicSequence` counts the topic's
 * messages without gaps, and `occurredAt` is the business time.
 */
export const ENVELOPE_VERSION = 2 as const;

/** The algorithm of `payloadHash`: SM3 (GB/T 32905) over the RFC 8785 canonical JSON of `data`, lowercase hex. */
export const PAYLOAD_HASH_ALGORITHM = 'sm3-jcs' as const;

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
  /**
   * 1, 2, 3, … per topic and producer, in publication order, without gaps: a missing number is a
   * lost message; an event that was never published (a private one) takes no number.
   */
  readonly topicSequence: number;
  /** SM3 of the canonical JSON of `data` (hex): what a consumer checks on its own. */
  readonly payloadHash: string;
  /** Content hash of the stored event (hex), as the producer's audit verifies it (covers private fields too). */
  readonly eventHash: string;
  /** Business time: when the fact took effect (00:00 China Standard Time of its first day), else the command's time. */
  readonly occurredAt: string;
  /** When the producer recorded the event. */
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: IntegrationActor;
  readonly unitId?: string;
  readonly data: Data;
}

/** Kafka header names carried beside the envelope. */
export const HEADERS = {
  contentType: 'content-type',
  envelopeVersion: 'x-envelope-version',
  source: 'x-source',
  schemaVersion: 'x-schema-version',
  topicSequence: 'x-topic-sequence',
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  messageType: 'x-message-type',
  messageId: 'x-message-id',
} as const;
