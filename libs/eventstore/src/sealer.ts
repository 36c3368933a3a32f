import type { Pool } from 'pg';
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
 * whose transaction id is below the oldest transaction still running: those transactions have
 * all ended, and every transaction that writes later has a larger id. Everything downstream
 * (projections, the audit feed, verify) follows the seal's `seq` and so never skips an event.
 */
export class Sealer {
  private readonly loop: ListeningLoop;

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
        return (await this.eventsHeldBack()) ? HELD_BACK_POLL_MS : undefined;
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

  /** Whether some events are not sealable yet, their transaction being at or above the horizon. */
  private async eventsHeldBack(): Promise<boolean> {
    const { rows } = await this.pool.query<{ held: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM es_events WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot())) AS held',
    );
    return rows[0].held;
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
      // The horizon is read in a statement of its own: the insert below gives this transaction an id.
      const { rows } = await client.query<{ position: string; content_hash: Buffer }>(
        `SELECT e.position, e.content_hash FROM es_events e
          WHERE e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
            AND ($1::xid8 IS NULL OR (e.tx_id, e.position) > ($1::xid8, $2::bigint))
          ORDER BY e.tx_id, e.position
          LIMIT $3`,
        [cursor?.tx_id ?? null, cursor?.position ?? null, BATCH],
      );
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
      await client.query(
        'INSERT INTO es_seal (seq, position, chain_hash) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[])',
        [seqs, positions, hashes],
      );
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
