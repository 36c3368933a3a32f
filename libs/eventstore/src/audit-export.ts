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
  type BundleUnit,
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
  /**
   * Instead of a range: every stream of this unit (a stream belongs to the unit when one of its
   * sealed events names it in `metadata.unitId`), each whole, up to the anchor.
   */
  readonly unit?: string;
}

type ExportRow = EventRow & { seq: string; chain_hash: Buffer; previous_chain_hash?: Buffer | null };

const EVENT_COLUMNS = `s.seq, s.chain_hash, e.position, e.stream_id, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata,
       e.recorded_at, e.content_hash, e.previous_hash`;

/** Earlier checkpoints put in a bundle beside its anchor, each with a consistency proof to it. */
const EARLIER_CHECKPOINTS = 50;

/**
 * Writes the export bundle of seal entries from..to, or of every stream of a unit (docs/audit-bundle.md): the events as stored
 * with their hashes and chain links, one inclusion proof each in a checkpoint signed now (the
 * anchor), earlier checkpoints with consistency proofs to the anchor, the service's public keys
 * and, through `extras`, sign-offs and the signers' registered keys. The manifest comes last.
 * Memory stays bounded: events go out a file of {@link EVENTS_PER_FILE} at a time.
 */
export async function exportBundle(
  source: { readonly pool: Pool; readonly checkpoints: LogCheckpoints; readonly service: string; readonly hashAlgorithm: HashAlgorithm },
  range: ExportRange,
  sink: BundleSink,
  options: {
    readonly extras?: AuditBundleExtras;
    /** Called once the anchor is signed and the events counted, before any file is written. */
    readonly onPlanned?: (total: number) => void;
    readonly onProgress?: (events: number, total: number) => void;
  } = {},
): Promise<BundleManifest> {
  const { pool, checkpoints } = source;
  const { checkpoint: anchor } = await checkpoints.create();
  const unit = range.unit === undefined ? undefined : await unitStreams(pool, range.unit, anchor.body.logSize);
  const fromSeq = unit ? 1 : Math.max(1, range.from ?? 1);
  const toSeq = unit ? anchor.body.logSize : Math.min(range.to ?? anchor.body.logSize, anchor.body.logSize);
  const total = unit ? unit.streams.reduce((sum, stream) => sum + stream.version, 0) : Math.max(0, toSeq - fromSeq + 1);
  const { rows: before } = await pool.query<{ chain_hash: Buffer }>('SELECT chain_hash FROM es_seal WHERE seq = $1', [fromSeq - 1]);
  const previousChainHash = before[0]?.chain_hash.toString('hex') ?? null;
  options.onPlanned?.(total);

  const eventFiles: string[] = [];
  const signOffs: BundleSignOff[] = [];
  const pages = unit
    ? unitPages(
        pool,
        unit.streams.map((s) => s.streamId),
        toSeq,
      )
    : rangePages(pool, fromSeq, toSeq);
  let written = 0;
  for await (const rows of pages) {
    const seqs = rows.map((row) => Number(row.seq));
    const proofs = await checkpoints.inclusionProofsOf(seqs, anchor);
    const lines = rows.map((row, i) => {
      const event: BundleEvent = {
        seq: seqs[i],
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
        ...(unit ? { previousChainHash: row.previous_chain_hash?.toString('hex') ?? null } : {}),
      };
      const signOff = options.extras?.signOffOf(event);
      if (signOff) signOffs.push(signOff);
      return `${JSON.stringify(event)}\n`;
    });
    const name = eventFileName(eventFiles.length);
    await sink.file(name, Buffer.from(lines.join(''), 'utf8'));
    eventFiles.push(name);
    written += rows.length;
    options.onProgress?.(written, total);
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
    eventCount: written,
    previousChainHash,
    eventFiles,
    anchorCheckpoint: anchor.body.number,
    ...(unit ? { unit } : {}),
  };
  await sink.file(BUNDLE_FILES.manifest, json(manifest));
  return manifest;
}

/**
 * The streams of a unit as of the anchor: those with a sealed event up to `logSize` that names the
 * unit in `metadata.unitId`, each with its version at that seal entry (a stream's events are
 * sealed in version order, so that is a whole prefix of the stream).
 */
async function unitStreams(pool: Pool, code: string, logSize: number): Promise<BundleUnit> {
  const { rows } = await pool.query<{ stream_id: string; version: number }>(
    `SELECT e.stream_id, max(e.version)::int AS version
       FROM es_events e JOIN es_seal s ON s.position = e.position
      WHERE s.seq <= $2
        AND e.stream_id IN (SELECT u.stream_id FROM es_events u JOIN es_seal us ON us.position = u.position
                             WHERE u.metadata ? 'unitId' AND u.metadata->>'unitId' = $1 AND us.seq <= $2)
      GROUP BY e.stream_id ORDER BY e.stream_id`,
    [code, logSize],
  );
  return { code, streams: rows.map((row) => ({ streamId: row.stream_id, version: row.version })) };
}

async function* rangePages(pool: Pool, fromSeq: number, toSeq: number): AsyncGenerator<ExportRow[]> {
  for (let first = fromSeq; first <= toSeq; first += EVENTS_PER_FILE) {
    const { rows } = await pool.query<ExportRow>(
      `SELECT ${EVENT_COLUMNS}
         FROM es_seal s JOIN es_events e ON e.position = s.position
        WHERE s.seq BETWEEN $1 AND $2 ORDER BY s.seq`,
      [first, Math.min(toSeq, first + EVENTS_PER_FILE - 1)],
    );
    yield rows;
  }
}

/** The events of these streams in seal order up to `toSeq`, a file's worth at a time, with the seal link before each. */
async function* unitPages(pool: Pool, streamIds: readonly string[], toSeq: number): AsyncGenerator<ExportRow[]> {
  if (streamIds.length === 0) return;
  for (let after = 0; ;) {
    const { rows } = await pool.query<ExportRow>(
      `SELECT ${EVENT_COLUMNS}, (SELECT p.chain_hash FROM es_seal p WHERE p.seq = s.seq - 1) AS previous_chain_hash
         FROM es_events e JOIN es_seal s ON s.position = e.position
        WHERE e.stream_id = ANY($1) AND s.seq > $2 AND s.seq <= $3
        ORDER BY s.seq LIMIT $4`,
      [streamIds, after, toSeq, EVENTS_PER_FILE],
    );
    if (rows.length > 0) yield rows;
    if (rows.length < EVENTS_PER_FILE) return;
    after = Number(rows.at(-1)!.seq);
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
