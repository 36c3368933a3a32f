/**
 * `npm run bench:audit`: what proof for outside auditors costs.
 *
 *   1. a checkpoint of a log of --events sealed events (default 1,000,000), from a cold start:
 *      read every leaf from the seal, build the Merkle tree, sign;
 *   2. the incremental cost of a checkpoint after each further 10,000 events (--rounds, default 5);
 *   3. inclusion and consistency proof generation, p50/p99 over --proofs requests (default 2000);
 *   4. the export of a bundle of --bundle events (default 100,000) to a directory, and its offline
 *      verification (events/s). --keep=1 leaves the bundle in place.
 *
 * The log is written directly as the superuser (events with real SM3 content hashes and seal
 * links, triggers off), which is much faster than appending through the store and gives the same
 * rows. Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD (default postgres@127.0.0.1:5432).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { directorySink, verifyBundle } from '@app/audit-bundle';
import { loadSigningKey, newSigningKeyFile } from '@app/crypto';
import { exportBundle } from '../src/audit-export';
import { chainHash, contentHash } from '../src/event-hash';
import { LogCheckpoints, WitnessDirectory } from '../src/log-checkpoints';
import { migrateEventStore } from '../src/schema';

const flag = (name: string, fallback: number) => {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value === undefined ? fallback : Number(value);
};
const EVENTS = flag('events', 1_000_000);
const ROUNDS = flag('rounds', 5);
const PROOFS = flag('proofs', 2000);
const BUNDLE = flag('bundle', 100_000);
/** --keep=1 leaves the bundle in place (its path is printed), e.g. to profile the verifier. */
const KEEP = flag('keep', 0) === 1;
const STREAMS = 1000;
const INSERT_BATCH = 5000;
const connection = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD,
};

/** Appends `count` events to the log and the seal as the superuser, with real hashes and links. */
class LogWriter {
  private seq = 0;
  private link: string | null = null;
  private readonly heads = new Map<string, { version: number; hash: string }>();
  constructor(private readonly pool: Pool) {}

  async write(count: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      for (let done = 0; done < count; done += INSERT_BATCH) {
        const n = Math.min(INSERT_BATCH, count - done);
        const columns: unknown[][] = Array.from({ length: 11 }, () => []);
        const seal: unknown[][] = [[], [], []];
        for (let i = 0; i < n; i++) {
          this.seq += 1;
          const streamId = `unit-${this.seq % STREAMS}`;
          const head = this.heads.get(streamId);
          const event = {
            streamId,
            version: (head?.version ?? 0) + 1,
            eventId: randomUUID(),
            type: 'NoteTaken',
            schemaVersion: 1,
            data: { text: `第${this.seq}条记录`, n: this.seq },
            metadata: { actor: { personId: 'p-bench' }, correlationId: `bench-${this.seq}` },
            recordedAt: new Date(1_750_000_000_000 + this.seq),
          };
          const hash = contentHash('sm3', event, head?.hash ?? null);
          this.heads.set(streamId, { version: event.version, hash });
          this.link = chainHash('sm3', this.link, this.seq, this.seq, hash);
          const row = [
            this.seq,
            streamId,
            event.version,
            event.eventId,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
            event.recordedAt,
            Buffer.from(hash, 'hex'),
            head ? Buffer.from(head.hash, 'hex') : null,
            '1',
          ];
          row.forEach((value, c) => columns[c].push(value));
          seal[0].push(this.seq);
          seal[1].push(this.seq);
          seal[2].push(Buffer.from(this.link, 'hex'));
        }
        await client.query(
          `INSERT INTO es_events (position, stream_id, version, event_id, type, data, metadata, recorded_at, content_hash, previous_hash, tx_id)
           OVERRIDING SYSTEM VALUE
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[], $8::timestamptz[],
                                $9::bytea[], $10::bytea[], $11::xid8[])`,
          columns,
        );
        await client.query(
          'INSERT INTO es_seal (seq, position, chain_hash) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[])',
          seal,
        );
      }
    } finally {
      await client.query('SET session_replication_role = origin');
      client.release();
    }
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (start: number) => performance.now() - start;

async function main(): Promise<void> {
  const database = `bench_audit_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const pool = new Pool({ ...connection, database, max: 4 });
  const directory = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  try {
    await migrateEventStore(pool);
    const writer = new LogWriter(pool);
    let started = performance.now();
    await writer.write(EVENTS);
    console.log(`wrote ${EVENTS} sealed events in ${(ms(started) / 1000).toFixed(1)} s (setup, not measured below)`);

    const key = loadSigningKey(newSigningKeyFile('sm2'));
    const checkpoints = new LogCheckpoints(pool, {
      service: 'bench',
      hashAlgorithm: 'sm3',
      key,
      witness: new WitnessDirectory(join(directory, 'witness')),
    });
    started = performance.now();
    const first = await checkpoints.create();
    console.log(
      `checkpoint of ${first.checkpoint.body.logSize} events, cold (read leaves, build tree, sign): ${(ms(started) / 1000).toFixed(2)} s`,
    );

    const incremental: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await writer.write(10_000);
      started = performance.now();
      await checkpoints.create();
      incremental.push(ms(started));
    }
    console.log(
      `checkpoint after 10,000 new events: median ${percentile(incremental, 50).toFixed(0)} ms, max ${Math.max(...incremental).toFixed(0)} ms (${ROUNDS} rounds)`,
    );

    const latest = (await checkpoints.get())!;
    const size = latest.body.logSize;
    const inclusion: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const seq = 1 + Math.floor(Math.random() * size);
      started = performance.now();
      await checkpoints.inclusionProof(seq, latest);
      inclusion.push(ms(started));
    }
    const consistency: number[] = [];
    const earlier = await checkpoints.list(1, latest.body.number - 1);
    for (let i = 0; i < Math.min(PROOFS, 500); i++) {
      started = performance.now();
      await checkpoints.consistencyProof(earlier[i % earlier.length], latest);
      consistency.push(ms(started));
    }
    console.log(
      `inclusion proof (with the event's row from the database): p50 ${percentile(inclusion, 50).toFixed(2)} ms, p99 ${percentile(inclusion, 99).toFixed(2)} ms (${PROOFS} proofs, log of ${size})`,
    );
    console.log(
      `consistency proof: p50 ${percentile(consistency, 50).toFixed(2)} ms, p99 ${percentile(consistency, 99).toFixed(2)} ms (${consistency.length} proofs)`,
    );

    const bundle = join(directory, 'bundle');
    started = performance.now();
    await exportBundle(
      { pool, checkpoints, service: 'bench', hashAlgorithm: 'sm3' },
      { from: size - BUNDLE + 1, to: size },
      directorySink(bundle),
    );
    const exportSeconds = ms(started) / 1000;
    console.log(
      `export of a bundle of ${BUNDLE} events to a directory: ${exportSeconds.toFixed(1)} s (${Math.round(BUNDLE / exportSeconds)} events/s)`,
    );
    started = performance.now();
    const report = verifyBundle(bundle);
    const verifySeconds = ms(started) / 1000;
    if (!report.ok) throw new Error(`the bundle does not verify: ${JSON.stringify(report.failures.slice(0, 3))}`);
    console.log(
      `offline verification of the bundle (content hashes, links, ${report.checked.inclusionProofs} inclusion proofs, ${report.checked.checkpoints} checkpoint signatures, ${report.checked.consistencyProofs} consistency proofs): ${verifySeconds.toFixed(1)} s, ${Math.round(report.checked.events / verifySeconds)} events/s`,
    );
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    if (KEEP) console.log(`bundle kept in ${join(directory, 'bundle')}`);
    else rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
