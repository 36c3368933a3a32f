import type { Pool } from 'pg';
import { eventLeaf, type CheckpointBody } from '@app/audit-bundle';
import { MerkleTree } from '@app/crypto';
import { chainHash, rowContentHash } from './event-hash';
import type { EventRow } from './event-store';
import type { HashAlgorithm } from './stored-event';

export type ChainFailureReason =
  | 'SEQ_GAP' // a seal entry is missing
  | 'MISSING_EVENT' // a sealed event is gone from the log
  | 'CONTENT_HASH_MISMATCH' // an event's content (or its stream predecessor) was altered
  | 'STREAM_GAP' // a stream's versions do not follow one another in the seal
  | 'CHAIN_HASH_MISMATCH' // the seal's link does not match its predecessor
  | 'UNSEALED_EVENT' // an event sits inside the sealed range but is not in the chain
  | 'TAIL_MISSING' // the end of the chain is gone: a signed checkpoint, projections or the outbox saw events the log no longer has
  | 'CHECKPOINT_MISMATCH' // the log's first N events no longer have the Merkle root a signed checkpoint gives them
  | 'CHECKPOINT_SIGNATURE_INVALID'; // a checkpoint (witnessed or stored) is not signed by the service's key

export type VerifyResult =
  | {
      readonly ok: true;
      readonly eventsChecked: number;
      readonly lastSeq: number;
      readonly headHash: string | null;
      /** The signed checkpoints whose Merkle roots the log reproduced. */
      readonly checkpointsMatched: readonly number[];
    }
  | {
      readonly ok: false;
      readonly eventsChecked: number;
      readonly position: number | null;
      readonly seq: number | null;
      readonly reason: ChainFailureReason;
      readonly detail: string;
    };

/** A seal entry with its event, or nulls where the event is gone. */
interface Row extends Omit<EventRow, 'position'> {
  seq: string;
  chain_hash: Buffer;
  seal_position: string;
  position: string | null;
}

const PAGE = 2000;

/**
 * Walks the whole sealed log in seal order, recomputing every event's content hash (with its
 * stream's previous hash) and every chain link, and names the first position that fails.
 * Reads the raw stored shapes, never upcast ones. Given signed checkpoints (their signatures
 * checked by the caller), it also rebuilds the Merkle tree and checks the log reproduces each
 * checkpoint's root and reaches its size: a head rewritten with recomputed hashes, or cut off
 * with every witness inside the database, fails here.
 */
export async function verifyChain(
  pool: Pool,
  algorithm: HashAlgorithm,
  onProgress?: (checked: number) => void,
  options: { readonly checkpoints?: readonly CheckpointBody[] } = {},
): Promise<VerifyResult> {
  const anchors = [...(options.checkpoints ?? [])].sort((a, b) => a.logSize - b.logSize);
  const tree = anchors.length > 0 ? new MerkleTree(algorithm) : undefined;
  const matched: number[] = [];
  const streams = new Map<string, { version: number; hash: string }>();
  let previousChain: string | null = null;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT s.seq, s.chain_hash, s.position AS seal_position, e.position, e.stream_id, e.version, e.event_id, e.type,
              e.schema_version, e.data, e.metadata, e.recorded_at, e.content_hash
         FROM es_seal s LEFT JOIN es_events e ON e.position = s.position
        WHERE s.seq >= $1 ORDER BY s.seq LIMIT $2`,
      [expectedSeq, PAGE],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const position = Number(row.seal_position);
      const fail = (reason: ChainFailureReason, detail: string): VerifyResult => ({
        ok: false,
        eventsChecked: checked,
        position,
        seq,
        reason,
        detail,
      });
      if (seq !== expectedSeq) return fail('SEQ_GAP', `seal entry ${expectedSeq} is missing`);
      if (row.position === null) return fail('MISSING_EVENT', `sealed event at position ${position} is not in the log`);
      const stream = streams.get(row.stream_id);
      const expectedVersion = (stream?.version ?? 0) + 1;
      if (row.version !== expectedVersion) {
        return fail('STREAM_GAP', `stream ${row.stream_id} has version ${row.version} where ${expectedVersion} was due`);
      }
      const recomputed = rowContentHash(algorithm, row, stream?.hash ?? null);
      if (recomputed !== row.content_hash.toString('hex')) {
        return fail('CONTENT_HASH_MISMATCH', `event ${row.event_id} (${row.stream_id} v${row.version}) does not match its hash`);
      }
      const link = chainHash(algorithm, previousChain, seq, position, recomputed);
      if (link !== row.chain_hash.toString('hex')) return fail('CHAIN_HASH_MISMATCH', `seal link ${seq} does not follow from ${seq - 1}`);
      streams.set(row.stream_id, { version: row.version, hash: recomputed });
      previousChain = link;
      expectedSeq += 1;
      checked += 1;
      if (tree) {
        tree.append(eventLeaf(algorithm, seq, position, recomputed));
        for (const anchor of anchors.filter((a) => a.logSize === seq)) {
          if (tree.root().toString('hex') !== anchor.rootHash) {
            return fail(
              'CHECKPOINT_MISMATCH',
              `the first ${seq} sealed events do not have the Merkle root signed in checkpoint ${anchor.number}: the log was rewritten`,
            );
          }
          matched.push(anchor.number);
        }
      }
    }
    onProgress?.(checked);
    if (rows.length < PAGE) break;
  }
  // An event the sealer's cursor has passed but which is not in the chain was put there by hand.
  const { rows: strays } = await pool.query<{ position: string; stream_id: string; version: number }>(
    `WITH cursor AS (
       SELECT e.tx_id, e.position FROM es_seal s JOIN es_events e ON e.position = s.position ORDER BY s.seq DESC LIMIT 1)
     SELECT e.position, e.stream_id, e.version FROM es_events e, cursor c
      WHERE (e.tx_id, e.position) < (c.tx_id, c.position)
        AND NOT EXISTS (SELECT 1 FROM es_seal s WHERE s.position = e.position)
      ORDER BY e.position LIMIT 1`,
  );
  if (strays[0]) {
    return {
      ok: false,
      eventsChecked: checked,
      position: Number(strays[0].position),
      seq: null,
      reason: 'UNSEALED_EVENT',
      detail: `event ${strays[0].stream_id} v${strays[0].version} lies inside the sealed range but is not in the chain`,
    };
  }
  // Cutting off the head of the chain leaves a consistent chain: what else saw those events does not.
  const lastSeq = expectedSeq - 1;
  const beyond = anchors.find((anchor) => anchor.logSize > lastSeq);
  if (beyond) {
    return {
      ok: false,
      eventsChecked: checked,
      position: null,
      seq: lastSeq + 1,
      reason: 'TAIL_MISSING',
      detail: `signed checkpoint ${beyond.number} covers ${beyond.logSize} sealed events, but the chain ends at ${lastSeq}`,
    };
  }
  const emptyAnchor = anchors.find((anchor) => anchor.logSize === 0 && !matched.includes(anchor.number));
  if (emptyAnchor && tree && tree.root(0).toString('hex') !== emptyAnchor.rootHash) {
    return {
      ok: false,
      eventsChecked: checked,
      position: null,
      seq: 0,
      reason: 'CHECKPOINT_MISMATCH',
      detail: `checkpoint ${emptyAnchor.number} has a wrong empty root`,
    };
  }
  const { rows: witnesses } = await pool.query<{ checkpoint: string | null; outbox_position: string | null }>(
    `SELECT (SELECT max(seq) FROM es_checkpoints) AS checkpoint,
            (SELECT min(o.position) FROM es_outbox o WHERE NOT EXISTS (SELECT 1 FROM es_events e WHERE e.position = o.position)) AS outbox_position`,
  );
  const { checkpoint, outbox_position: outboxPosition } = witnesses[0];
  if (checkpoint !== null && Number(checkpoint) > lastSeq) {
    return {
      ok: false,
      eventsChecked: checked,
      position: null,
      seq: lastSeq + 1,
      reason: 'TAIL_MISSING',
      detail: `a projection applied seal entry ${checkpoint}, but the chain ends at ${lastSeq}`,
    };
  }
  if (outboxPosition !== null) {
    return {
      ok: false,
      eventsChecked: checked,
      position: Number(outboxPosition),
      seq: null,
      reason: 'MISSING_EVENT',
      detail: `the outbox announced the event at position ${outboxPosition}, which is not in the log`,
    };
  }
  return { ok: true, eventsChecked: checked, lastSeq, headHash: previousChain, checkpointsMatched: matched };
}
