/**
 * `npm run bench:append`: throughput and latency of EventStore.append (one event per append) next
 * to raw single-row INSERT transactions on the same server, at each concurrency.
 *
 * Options (flag or environment variable):
 *   --events=N       BENCH_EVENTS       appends measured per mode and concurrency (default 3000)
 *   --warmup=N       BENCH_WARMUP       appends before each measured run (default 300)
 *   --concurrency=L  BENCH_CONCURRENCY  comma-separated concurrencies (default 1,8)
 *   --modes=L        BENCH_MODES        comma-separated subset of the modes below (default all)
 *   --streams=N      BENCH_STREAMS      streams each worker appends to in turn (default 16)
 *   --verify=0|1     BENCH_VERIFY       seal and verify the whole log at the end, untimed (default 1)
 * Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD (default postgres@127.0.0.1:5432).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool, type ClientConfig } from 'pg';
import { contentHash } from '../src/event-hash';
import { EventStore } from '../src/event-store';
import { migrateEventStore } from '../src/schema';
import { Sealer } from '../src/sealer';
import { verifyChain } from '../src/verify';
import type { EventMetadata } from '../src/stored-event';

const MODES = {
  raw: 'raw pg: INSERT one row per transaction, no hashing',
  ours: 'EventStore.append, SM3 content hash',
  'ours+key': 'EventStore.append, SM3, with idempotency key',
  'ours+key+sealer': 'as ours+key, with the Sealer running (own pool of 2)',
} as const;
type Mode = keyof typeof MODES;

interface BenchConfig {
  readonly events: number;
  readonly warmup: number;
  readonly concurrencies: readonly number[];
  readonly modes: readonly Mode[];
  readonly streamsPerWorker: number;
  readonly verify: boolean;
  readonly connection: ClientConfig;
}

interface RunResult {
  readonly mode: Mode;
  readonly concurrency: number;
  readonly count: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly note?: string;
}

interface StreamHead {
  readonly id: string;
  version: number;
  hash: string | null;
}

/** One append by a worker to one of its streams; resolves to the append's latency in ms. */
type Operation = (stream: StreamHead, index: number) => Promise<number>;

const RAW_TABLE = `
  CREATE TABLE bench_raw_events (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id       text        NOT NULL,
    version         integer     NOT NULL,
    event_id        uuid        NOT NULL,
    type            text        NOT NULL,
    schema_version  integer     NOT NULL DEFAULT 1,
    data            jsonb       NOT NULL,
    metadata        jsonb       NOT NULL,
    recorded_at     timestamptz NOT NULL,
    content_hash    bytea       NOT NULL
  )`;

const RAW_INSERT = `
  INSERT INTO bench_raw_events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, content_hash)
  VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8)`;

const UNITS = ['中共郑州市金水区纪律检查委员会', '郑州市二七区人民政府办公室', '河南省交通运输厅机关党委', '中牟县教育局党组'];
const TASKS = ['落实全面从严治党主体责任，定期研判本单位政治生态', '加强对“一把手”和领导班子的监督', '严格执行中央八项规定及其实施细则精神', '抓好党风廉政建设责任制考核'];

function letterSigned(index: number): { type: string; data: unknown } {
  return {
    type: 'ResponsibilityLetterSigned',
    data: {
      letterId: `RL-2026-${String(index).padStart(6, '0')}`,
      year: 2026,
      unitName: UNITS[index % UNITS.length],
      title: '2026年度党风廉政建设责任书',
      signer: { personId: `p-${index % 997}`, name: '张建国', post: '党组书记、局长' },
      counterSigner: { personId: 'p-0001', name: '李卫东', post: '区委书记' },
      responsibilities: TASKS,
      signedOn: '2026-03-01',
      remarks: '本责任书一式两份，签订双方各执一份，自签订之日起生效。',
    },
  };
}

function metadataFor(worker: number): EventMetadata {
  return { actor: { personId: `p-${worker}`, unitId: 'U001' }, correlationId: randomUUID(), unitId: 'U001' };
}

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

function operationFor(mode: Mode, store: EventStore, rawPool: Pool, worker: number): Operation {
  if (mode === 'raw') {
    const hash = randomBytes(32);
    return async (stream, index) => {
      const started = process.hrtime.bigint();
      const event = letterSigned(index);
      await rawPool.query(RAW_INSERT, [
        stream.id,
        stream.version + 1,
        randomUUID(),
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(metadataFor(worker)),
        new Date(),
        hash,
      ]);
      stream.version += 1;
      return elapsedMs(started);
    };
  }
  const withKey = mode !== 'ours';
  return async (stream, index) => {
    const started = process.hrtime.bigint();
    const event = letterSigned(index);
    const metadata = metadataFor(worker);
    const now = new Date();
    const result = await store.append({
      streamId: stream.id,
      expectedVersion: stream.version,
      previousHash: stream.hash,
      events: [event],
      metadata,
      now,
      ...(withKey ? { idempotencyKey: randomUUID(), requestFingerprint: { type: 'SignResponsibilityLetter', data: event.data } } : {}),
    });
    const latency = elapsedMs(started);
    // The command path learns the head's hash from reading the stream; the bench recomputes it
    // (outside the latency, inside the wall clock) so that the next append chains correctly.
    const version = result.toVersion;
    stream.hash = contentHash('sm3', { streamId: stream.id, version, eventId: result.eventIds[0], type: event.type, schemaVersion: 1, data: event.data, metadata, recordedAt: now }, stream.hash);
    stream.version = version;
    return latency;
  };
}

async function runWorkers(
  mode: Mode,
  concurrency: number,
  count: number,
  streamsPerWorker: number,
  runId: string,
  makeOperation: (worker: number) => Operation,
): Promise<{ seconds: number; latencies: Float64Array }> {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const operation = makeOperation(worker);
      const streams: StreamHead[] = Array.from({ length: streamsPerWorker }, (_, s) => ({ id: `bench-${mode}-${runId}-${worker}-${s}`, version: 0, hash: null }));
      for (let turn = 0; ; turn++) {
        const index = next++;
        if (index >= count) return;
        latencies[index] = await operation(streams[turn % streamsPerWorker], index);
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latencies };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runMode(mode: Mode, concurrency: number, config: BenchConfig, database: string): Promise<RunResult> {
  const pool = new Pool({ ...config.connection, database, max: concurrency });
  const sealerPool = mode === 'ours+key+sealer' ? new Pool({ ...config.connection, database, max: 2 }) : undefined;
  const store = new EventStore(pool, { source: 'bench', hashAlgorithm: 'sm3' });
  const sealer = sealerPool ? new Sealer(sealerPool, 'sm3') : undefined;
  try {
    await sealer?.start();
    const runId = randomBytes(3).toString('hex');
    const make = (worker: number) => operationFor(mode, store, pool, worker);
    await runWorkers(mode, concurrency, config.warmup, config.streamsPerWorker, `${runId}w`, make);
    const sealedBefore = sealer ? await store.lastSealedSeq() : 0;
    const { seconds, latencies } = await runWorkers(mode, concurrency, config.events, config.streamsPerWorker, runId, make);
    let note: string | undefined;
    if (sealer) {
      const sealedDuring = (await store.lastSealedSeq()) - sealedBefore;
      note = `sealer kept up with ${sealedDuring} of ${config.events} events by the end`;
    }
    latencies.sort();
    return { mode, concurrency, count: config.events, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), note };
  } finally {
    await sealer?.stop();
    await sealerPool?.end();
    await pool.end();
  }
}

function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
  const flags = new Map(argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=', 2) as [string, string]));
  const setting = (flag: string, variable: string, fallback: string) => flags.get(flag) ?? env[variable] ?? fallback;
  const positive = (flag: string, variable: string, fallback: number): number => {
    const value = Number(setting(flag, variable, String(fallback)));
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${flag} / ${variable} must be a non-negative integer`);
    return value;
  };
  const modes = setting('modes', 'BENCH_MODES', Object.keys(MODES).join(',')).split(',') as Mode[];
  const unknown = modes.filter((m) => !(m in MODES));
  if (unknown.length) throw new Error(`unknown mode(s) ${unknown.join(', ')}; known: ${Object.keys(MODES).join(', ')}`);
  const concurrencies = setting('concurrency', 'BENCH_CONCURRENCY', '1,8').split(',').map(Number);
  if (concurrencies.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--concurrency takes positive integers, e.g. 1,8');
  return {
    events: Math.max(1, positive('events', 'BENCH_EVENTS', 3000)),
    warmup: positive('warmup', 'BENCH_WARMUP', 300),
    concurrencies,
    modes,
    streamsPerWorker: Math.max(1, positive('streams', 'BENCH_STREAMS', 16)),
    verify: setting('verify', 'BENCH_VERIFY', '1') !== '0',
    connection: { host: env.PGHOST ?? '127.0.0.1', port: Number(env.PGPORT ?? 5432), user: env.PGUSER ?? 'postgres', password: env.PGPASSWORD },
  };
}

async function createDatabase(connection: ClientConfig): Promise<string> {
  const name = `bench_append_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

async function dropDatabase(connection: ClientConfig, name: string): Promise<void> {
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function prepare(connection: ClientConfig, database: string): Promise<{ server: string; settings: string }> {
  const pool = new Pool({ ...connection, database, max: 1 });
  try {
    await migrateEventStore(pool);
    await pool.query(RAW_TABLE);
    const { rows } = await pool.query<{ version: string; settings: string }>(
      `SELECT current_setting('server_version') AS version,
              string_agg(name || '=' || setting, ' ' ORDER BY name) AS settings
         FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'commit_delay', 'shared_buffers')`,
    );
    return { server: `PostgreSQL ${rows[0].version}`, settings: rows[0].settings };
  } finally {
    await pool.end();
  }
}

/** Seals what the runs left unsealed and walks the chain: the bench must have written a valid log. */
async function sealAndVerify(connection: ClientConfig, database: string): Promise<string> {
  const pool = new Pool({ ...connection, database, max: 1 });
  try {
    await new Sealer(pool, 'sm3').sealPending();
    const result = await verifyChain(pool, 'sm3');
    return result.ok ? `all ${result.eventsChecked} appended events sealed, verifyChain ok` : `verifyChain FAILED: ${result.reason} at seq ${result.seq}: ${result.detail}`;
  } finally {
    await pool.end();
  }
}

function trackPeakHeap(): { stop(): { heapUsed: number; heapTotal: number } } {
  const peak = { heapUsed: 0, heapTotal: 0 };
  const sample = () => {
    const { heapUsed, heapTotal } = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
    peak.heapTotal = Math.max(peak.heapTotal, heapTotal);
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

function table(results: readonly RunResult[]): string {
  const header = ['mode', 'conc', 'events', 'events/s', 'p50 ms', 'p99 ms', 'ours/raw'];
  const rawRate = new Map(results.filter((r) => r.mode === 'raw').map((r) => [r.concurrency, r.count / r.seconds]));
  const rows = results.map((r) => {
    const rate = r.count / r.seconds;
    const raw = rawRate.get(r.concurrency);
    return [r.mode, String(r.concurrency), String(r.count), rate.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2), r.mode === 'raw' || !raw ? '' : `${(rate / raw).toFixed(2)}×`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const heap = trackPeakHeap();
  const database = await createDatabase(config.connection);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropDatabase(config.connection, database);
  };
  const interrupt = () => {
    void drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const { server, settings } = await prepare(config.connection, database);
    console.log(`append benchmark — database ${database}, ${server} (${settings})`);
    console.log(`${config.events} measured appends of 1 event per mode and concurrency, after ${config.warmup} warm-up appends; pool size = concurrency`);
    console.log(`each worker appends to its own ${config.streamsPerWorker} streams in turn, tracking version and previous hash (no stream read before each append)`);
    for (const mode of config.modes) console.log(`  ${mode.padEnd(16)} ${MODES[mode]}`);
    console.log('the sealer runs only in the ours+key+sealer rows; ours and ours+key still send pg_notify, nobody listens');
    const results: RunResult[] = [];
    for (const concurrency of config.concurrencies) {
      for (const mode of config.modes) {
        const result = await runMode(mode, concurrency, config, database);
        results.push(result);
        console.log(`  done: ${mode} × ${concurrency} in ${result.seconds.toFixed(1)} s${result.note ? ` (${result.note})` : ''}`);
      }
    }
    console.log('');
    console.log(table(results));
    const peak = heap.stop();
    console.log('');
    console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; peak heap used ${mb(peak.heapUsed)} of ${mb(peak.heapTotal)} (sampled every 50 ms)`);
    const ours8 = results.find((r) => r.mode === 'ours+key' && r.concurrency === 8) ?? results.find((r) => r.mode === 'ours' && r.concurrency === 8);
    const raw8 = results.find((r) => r.mode === 'raw' && r.concurrency === 8);
    if (ours8 && raw8) {
      const ratio = ours8.count / ours8.seconds / (raw8.count / raw8.seconds);
      console.log(`aim: ${ours8.mode} ≥ 0.5× raw at concurrency 8 — ${ratio.toFixed(2)}× ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
    }
    if (config.verify) console.log(`log check (after the figures above, untimed): ${await sealAndVerify(config.connection, database)}`);
  } finally {
    heap.stop();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
