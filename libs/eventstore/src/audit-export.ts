import type { Pool } from 'pg';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  EVENTS_PER_FILE,
  eventFileName,
  type BundleCheckpoints,
  type BundleEvent,
  type BundleKeys,
  type BundleManifest,
  type BundleSignOff,
  type PersonKey,
} from '@app/audit-bundle';
import type { HashAlgorithm } from '@app/crypto';
import type { EventRow } from './event-store';
import type { LogCheckpoints } from './log-checkpoints';

/** Where a bundle's files go: a directory, or one tar stream (`tarEntry`). */
export interface BundleSink {
  file(name: string, content: Buffer): Promise<void> | void;
}

/**
 * What a service with sign-offs adds to its bundles: the sign-off an event carries (statement
 * bytes, signature, signer, key) and the registered keys of the people who signed, with their
 * validity periods. Services without sign-offs give nothing.
 */
export interface AuditBundleExtras {
  signOffOf(event: BundleEvent): BundleSignOff | undefined;
  peopleKeys(signOffs: readonly BundleSignOff[]): Promise<PersonKey[]>;
}
export const AUDIT_BUNDLE_EXTRAS = Symbol('AUDIT_BUNDLE_EXTRAS');

export interface ExportRange {
  /** First seal entry (default 1). */
  readonly from?: number;
  /** Last seal entry (default: the newest checkpoint's size). */
  readonly to?: number;
}

/** Earlier checkpoints put in a bundle beside its anchor, each with a consistency proof to it. */
const EARLIER_CHECKPOINTS = 50;

/**
 * Writes the export bundle of seal entries from..to (docs/audit-bundle.md): the events as stored
 * with their hashes and chain links, one inclusion proof each in a checkpoint signed now (the
 * anchor), earlier checkpoints with consistency proofs to the anchor, the service's public keys
 * and, through `extras`, sign-offs and the signers' registered keys. The manifest comes last.
 * Memory stays bounded: events go out a file of {@link EVENTS_PER_FILE} at a time.
 */
export async function exportBundle(
  source: { readonly pool: Pool; readonly checkpoints: LogCheckpoints; readonly service: string; readonly hashAlgorithm: HashAlgorithm },
  range: ExportRange,
  sink: BundleSink,
  options: { readonly extras?: AuditBundleExtras; readonly onProgress?: (events: number, total: number) => void } = {},
): Promise<BundleManifest> {
  const { pool, checkpoints } = source;
  const { checkpoint: anchor } = await checkpoints.create();
  const fromSeq = Math.max(1, range.from ?? 1);
  const toSeq = Math.min(range.to ?? anchor.body.logSize, anchor.body.logSize);
  const total = Math.max(0, toSeq - fromSeq + 1);
  const { rows: before } = await pool.query<{ chain_hash: Buffer }>('SELECT chain_hash FROM es_seal WHERE seq = $1', [fromSeq - 1]);
  const previousChainHash = before[0]?.chain_hash.toString('hex') ?? null;

  const eventFiles: string[] = [];
  const signOffs: BundleSignOff[] = [];
  for (let first = fromSeq, index = 0; first <= toSeq; first += EVENTS_PER_FILE, index++) {
    const last = Math.min(toSeq, first + EVENTS_PER_FILE - 1);
    const { rows } = await pool.query<EventRow & { seq: string; chain_hash: Buffer }>(
      `SELECT s.seq, s.chain_hash, e.position, e.stream_id, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata,
              e.recorded_at, e.content_hash, e.previous_hash
         FROM es_seal s JOIN es_events e ON e.position = s.position
        WHERE s.seq BETWEEN $1 AND $2 ORDER BY s.seq`,
      [first, last],
    );
    const proofs = await checkpoints.inclusionProofs(first, last, anchor);
    const lines = rows.map((row, i) => {
      const event: BundleEvent = {
        seq: Number(row.seq),
        position: Number(row.position),
        streamId: row.stream_id,
        version: row.version,
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at.toISOString(),
        previousHash: row.previous_hash?.toString('hex') ?? null,
        contentHash: row.content_hash.toString('hex'),
        chainHash: row.chain_hash.toString('hex'),
        inclusion: proofs[i],
      };
      const signOff = options.extras?.signOffOf(event);
      if (signOff) signOffs.push(signOff);
      return `${JSON.stringify(event)}\n`;
    });
    const name = eventFileName(index);
    await sink.file(name, Buffer.from(lines.join(''), 'utf8'));
    eventFiles.push(name);
    options.onProgress?.(last - fromSeq + 1, total);
  }

  const earlier = (await checkpoints.list(Math.max(1, anchor.body.number - EARLIER_CHECKPOINTS), anchor.body.number - 1)).filter(
    (checkpoint) => checkpoint.body.logSize >= fromSeq - 1,
  );
  const bundleCheckpoints: BundleCheckpoints = {
    checkpoints: [
      ...(await Promise.all(
        earlier.map(async (checkpoint) => ({
          ...checkpoint,
          consistencyToAnchor: (await checkpoints.consistencyProof(checkpoint, anchor)).proof,
        })),
      )),
      { ...anchor, consistencyToAnchor: [] },
    ],
  };
  await sink.file(BUNDLE_FILES.checkpoints, json(bundleCheckpoints));
  const keys: BundleKeys = {
    service: checkpoints.publicKeys(),
    people: signOffs.length > 0 && options.extras ? await options.extras.peopleKeys(signOffs) : [],
  };
  await sink.file(BUNDLE_FILES.keys, json(keys));
  if (signOffs.length > 0)
    await sink.file(BUNDLE_FILES.signOffs, Buffer.from(signOffs.map((s) => `${JSON.stringify(s)}\n`).join(''), 'utf8'));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    service: source.service,
    hashAlgorithm: source.hashAlgorithm,
    exportedAt: new Date().toISOString(),
    fromSeq,
    toSeq: Math.max(toSeq, fromSeq - 1),
    eventCount: total,
    previousChainHash,
    eventFiles,
    anchorCheckpoint: anchor.body.number,
  };
  await sink.file(BUNDLE_FILES.manifest, json(manifest));
  return manifest;
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
