import type { Pool, PoolClient } from 'pg';
import { chainHash } from './event-hash';
import { ListeningLoop } from './listening-loop';
import type { HashAlgorithm } from './stored-event';

const SEALER_LOCK = 0x5ea1;
const BATCH = 1000;
const HELD_BACK_POLL_MS = 50;

/**
 * Seals committed events into one gap-free sequence and a hash chain.
 *
 * Positions are taken before commit and transactions commit out of order, so "position > last"
 * would skip late commits. The sealer reads in (transaction id, position) order and only events
 * whose transaction id is below the horizon: the oldest transaction still running in this
 * database (or, if none, the next id to be handed out). Those transactions have all ended, and
 * every transaction that writes later has a larger id. Everything downstream (projections, the
 * audit feed, verify) follows the seal's `seq` and so never skips an event.
 */
export class Sealer {
  private readonly loop: ListeningLoop;
  /** Whether the last batch left committed events above the horizon, to be sealed when it moves. */
  private heldBack = false;

  constructor(
    private readonly pool: Pool,
    private readonly algorithm: HashAlgorithm,
    private readonly options: { readonly idlePollMs?: number; readonly onSealed?: (count: number) => void } = {},
  ) {
    // sealPending goes on while batches come back full. Events held back by a transaction still
    // running somewhere in the cluster get no second notification: look again soon while any are.
    this.loop = new ListeningLoop(
      pool,
      'es_appended',
      async () => {
        await this.sealPending();
        return this.heldBack ? HELD_BACK_POLL_MS : undefined;
      },
      options.idlePollMs ?? 1000,
    );
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Seals everything committed so far; returns how many events it sealed. */
  async sealPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  private async sealBatch(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEALER_LOCK]);
      if (!locked[0].ok) {
        await client.query('ROLLBACK');
        return 0;
      }
      const { rows: last } = await client.query<{ seq: string; chain_hash: Buffer; tx_id: string; position: string }>(
        `SELECT s.seq, s.chain_hash, e.tx_id::text AS tx_id, e.position FROM es_seal s JOIN es_events e ON e.position = s.position
          ORDER BY s.seq DESC LIMIT 1`,
      );
      const cursor = last[0];
      // Read before the events, each in a statement of its own (a snapshot of its own); this
      // transaction gets an id only at the insert below.
      const limit = await horizon(client);
      const { rows } = await client.query<{ position: string; content_hash: Buffer }>(
        `SELECT e.position, e.content_hash FROM es_events e
          WHERE e.tx_id < $4::xid8
            AND ($1::xid8 IS NULL OR (e.tx_id, e.position) > ($1::xid8, $2::bigint))
          ORDER BY e.tx_id, e.position
          LIMIT $3`,
        [cursor?.tx_id ?? null, cursor?.position ?? null, BATCH, limit],
      );
      if (rows.length < BATCH) {
        const { rows: held } = await client.query<{ held: boolean }>(
          'SELECT EXISTS (SELECT 1 FROM es_events WHERE tx_id >= $1::xid8) AS held',
          [limit],
        );
        this.heldBack = held[0].held;
      }
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return 0;
      }
      let seq = Number(cursor?.seq ?? 0);
      let previous = cursor ? cursor.chain_hash.toString('hex') : null;
      const seqs: number[] = [];
      const positions: string[] = [];
      const hashes: Buffer[] = [];
      for (const row of rows) {
        seq += 1;
        previous = chainHash(this.algorithm, previous, seq, Number(row.position), row.content_hash.toString('hex'));
        seqs.push(seq);
        positions.push(row.position);
        hashes.push(Buffer.from(previous, 'hex'));
      }
      await client.query('INSERT INTO es_seal (seq, position, chain_hash) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[])', [
        seqs,
        positions,
        hashes,
      ]);
      await client.query(`SELECT pg_notify('es_sealed', $1)`, [String(seq)]);
      await client.query('COMMIT');
      this.options.onSealed?.(rows.length);
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

const XID_RANGE = 2n ** 32n;

/**
 * The oldest transaction id (xid8) that may still add events to this database's log: the oldest
 * transaction with an id running here, or, if none, one past the latest completed id. Transactions in
 * other databases cannot write this log, so they do not hold sealing back. The next id is read
 * first; the running transactions after it (pg_stat_activity takes its picture at the first look
 * in a transaction); the caller reads the events after both. A transaction running here when the
 * next id was read either still runs when pg_stat_activity is read (and bounds the horizon) or
 * has ended before the events are read. Needs to see every session of the role that appends
 * (its own role, or pg_read_all_stats).
 */
export async function horizon(client: PoolClient): Promise<string> {
  const { rows: next } = await client.query<{ xid: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid');
  const { rows: running } = await client.query<{ xid: string }>(
    `SELECT backend_xid::text AS xid FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL
     UNION ALL
     SELECT transaction::text FROM pg_prepared_xacts WHERE database = current_database()`,
  );
  return oldestRunning(
    next[0].xid,
    running.map((row) => row.xid),
  );
}

/**
 * The smaller of `reference` (an xid8) and the running 32-bit ids, each placed in its epoch.
 * pg_snapshot_xmax is one past the latest completed id; running ids may lie on either side of it,
 * but always within 2^31 of it.
 */
export function oldestRunning(reference: string, running: readonly string[]): string {
  const base = BigInt(reference);
  let oldest = base;
  for (const xid of running) {
    let ahead = (BigInt(xid) - base) % XID_RANGE;
    if (ahead < 0n) ahead += XID_RANGE;
    if (ahead >= XID_RANGE / 2n) ahead -= XID_RANGE;
    if (base + ahead < oldest) oldest = base + ahead;
  }
  return oldest.toString();
}
