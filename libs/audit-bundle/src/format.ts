import { canonicalJson, hash, leafHash, type HashAlgorithm, type SignatureAlgorithm } from '@app/crypto';

/**
 * The formats an outside auditor relies on: signed checkpoints of a service's sealed log and the
 * export bundle (docs/audit-bundle.md is the specification). Pure: what is here needs only
 * hashes, canonical JSON and signatures, so the offline verifier can stand on it alone.
 */

export const CHECKPOINT_FORMAT = 'two-resp-checkpoint/v1';
export const BUNDLE_FORMAT = 'two-resp-audit-bundle/v1';

/** What a service signs: the size and Merkle root of its sealed log at a moment, linked to the checkpoint before. */
export interface CheckpointBody {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly service: string;
  /** 1, 2, 3 … per service. */
  readonly number: number;
  /** Sealed events covered: seal entries 1..logSize. */
  readonly logSize: number;
  /** Merkle root (hex) over the leaves of seal entries 1..logSize (see {@link eventLeaf}). */
  readonly rootHash: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly signedAt: string;
  /** {@link checkpointId} of checkpoint number − 1, or null for the first. */
  readonly previous: string | null;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** SM3 of the service's public key (hex), as `parsePublicKey` computes it. */
  readonly keyFingerprint: string;
}

export interface SignedCheckpoint {
  readonly body: CheckpointBody;
  /** Over {@link checkpointMessage}: SM2 r‖s (GB/T 32918, default user id) or Ed25519, 128 hex chars. */
  readonly signature: string;
}

/**
 * The Kafka message announcing a checkpoint on `<service>.checkpoints.v1` (key: the service), sent
 * through the outbox in the checkpoint's transaction; the relay adds `topicSequence`.
 */
export interface CheckpointSignedMessage {
  readonly type: 'audit.CheckpointSigned';
  /** {@link checkpointId}. */
  readonly id: string;
  readonly source: string;
  readonly checkpoint: SignedCheckpoint;
  readonly publicKey: BundlePublicKey;
}

/**
 * The Kafka message announcing a service's checkpoint signing key on `<service>.checkpoints.v1`
 * (key: the service), once per key: in the transaction of the first checkpoint it signs over a
 * non-empty log, before that checkpoint's own message. The registry and other parties record it, so
 * the key can be pinned apart from the service.
 */
export interface ServiceKeyPublishedMessage {
  readonly type: 'audit.ServiceKeyPublished';
  /** The key's fingerprint. */
  readonly id: string;
  readonly source: string;
  readonly publicKey: BundlePublicKey;
  /** The number of the first checkpoint the key signed. */
  readonly firstCheckpoint: number;
  readonly publishedAt: string;
}

export function checkpointTopic(service: string): string {
  return `${service}.checkpoints.v1`;
}

/** The bytes a checkpoint's signature covers: the RFC 8785 canonical JSON of its body, UTF-8. */
export function checkpointMessage(body: CheckpointBody): Buffer {
  return Buffer.from(canonicalJson(body), 'utf8');
}

/** A checkpoint's identity, which the next one names as `previous`: the hash of its canonical body (hex). */
export function checkpointId(body: CheckpointBody): string {
  return hash(body.hashAlgorithm, checkpointMessage(body)).toString('hex');
}

/**
 * The Merkle leaf of seal entry `seq`: H(0x00 ‖ UTF-8 "seq|position|contentHash"), the same
 * fields the seal's chain link covers (without the previous link, so each leaf stands alone).
 */
export function eventLeaf(algorithm: HashAlgorithm, seq: number, position: number, contentHash: string): Buffer {
  return leafHash(algorithm, `${seq}|${position}|${contentHash}`);
}

/** Link of the seal's hash chain: H(previousLink ‖ "|" ‖ seq ‖ "|" ‖ position ‖ "|" ‖ contentHash), hex. */
export function sealLink(
  algorithm: HashAlgorithm,
  previousLink: string | null,
  seq: number,
  position: number,
  contentHash: string,
): string {
  return hash(algorithm, `${previousLink ?? ''}|${seq}|${position}|${contentHash}`).toString('hex');
}

/** An event as stored, with the hashes over it: one line of an `events/*.ndjson` file. */
export interface BundleEvent {
  readonly seq: number;
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The stored data (personal values in their encrypted stored form, which the hash covers). */
  readonly data: unknown;
  readonly metadata: unknown;
  /** ISO 8601 with milliseconds, as hashed. */
  readonly recordedAt: string;
  /** contentHash of the stream's previous event, or null for version 1. */
  readonly previousHash: string | null;
  readonly contentHash: string;
  readonly chainHash: string;
  /** Inclusion proof (hex hashes) of this event's leaf in the bundle's anchor checkpoint. */
  readonly inclusion: readonly string[];
  /**
   * Unit bundles only: the seal link of entry seq − 1 (null for seq 1), where this event's link
   * starts when the entry before it is not in the bundle.
   */
  readonly previousChainHash?: string | null;
}

/** The event's content hash: H(canonical JSON of its stored content and its stream predecessor's hash), hex. */
export function eventContentHash(algorithm: HashAlgorithm, event: Omit<BundleEvent, 'contentHash' | 'chainHash' | 'inclusion'>): string {
  return hash(
    algorithm,
    canonicalJson({
      streamId: event.streamId,
      version: event.version,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      recordedAt: event.recordedAt,
      previousHash: event.previousHash,
    }),
  ).toString('hex');
}

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly service: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly exportedAt: string;
  /** Seal entries fromSeq..toSeq are in the bundle (none when toSeq < fromSeq). */
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly eventCount: number;
  /** The seal link of entry fromSeq − 1 (null when fromSeq is 1): where the bundle's chain starts. */
  readonly previousChainHash: string | null;
  /** Event files in order, relative to the bundle directory. */
  readonly eventFiles: readonly string[];
  /** The checkpoint number every inclusion proof leads to. */
  readonly anchorCheckpoint: number;
  /**
   * Unit bundles only (`?unit=`): the unit and every stream that belongs to it (one of its events
   * names the unit in `metadata.unitId`), each with its version at the anchor. The bundle holds
   * every event of these streams and no other; fromSeq..toSeq is then the range searched.
   */
  readonly unit?: BundleUnit;
}

export interface BundleUnit {
  readonly code: string;
  readonly streams: ReadonlyArray<{ readonly streamId: string; readonly version: number }>;
}

export interface BundlePublicKey {
  readonly algorithm: SignatureAlgorithm;
  readonly publicKey: string;
  readonly fingerprint: string;
}

/** A person's registered signing key and the days it is valid (China calendar days, inclusive; null = open). */
export interface PersonKey extends BundlePublicKey {
  readonly staffNumber: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface BundleKeys {
  readonly service: readonly BundlePublicKey[];
  readonly people: readonly PersonKey[];
}

/** `checkpoints.json`: the checkpoints in the bundle, each with a consistency proof to the anchor. */
export interface BundleCheckpoints {
  readonly checkpoints: ReadonlyArray<SignedCheckpoint & { readonly consistencyToAnchor: readonly string[] }>;
}

/**
 * One sign-off found in the bundle's events (`signoffs.ndjson`): the exact statement bytes signed
 * (base64), the signature, who signed with which key, and the day it was signed. The verifier
 * checks the signature with the person's key valid on that day, and that the event at `seq`
 * carries the same signature.
 */
export interface BundleSignOff {
  readonly seq: number;
  readonly eventId: string;
  readonly signerStaffNumber: string;
  readonly algorithm: SignatureAlgorithm;
  readonly keyFingerprint: string;
  readonly statement: string;
  readonly signature: string;
  readonly signedOn: string;
}

export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  keys: 'keys.json',
  checkpoints: 'checkpoints.json',
  signOffs: 'signoffs.ndjson',
} as const;

/** The response header of `GET /audit/export` that gives the number of events the bundle will hold (for progress). */
export const BUNDLE_EVENT_COUNT_HEADER = 'X-Bundle-Event-Count';

/** Events per `events/NNNNNN.ndjson` file. */
export const EVENTS_PER_FILE = 1000;

export function eventFileName(index: number): string {
  return `events/${String(index + 1).padStart(6, '0')}.ndjson`;
}
