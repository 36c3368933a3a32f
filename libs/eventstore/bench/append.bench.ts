/**
 * `npm run bench:append`: throughput and latency of EventStore.append (one event per append) next
 * to raw single-row INSERT transactions on the same server, at each concurrency.
 *
 * Options (flag or environment variable):
 *   --events=N       BENCH_EVENTS       appends measured per mode and concurrency (default 2400)
 *   --rounds=N       BENCH_ROUNDS       slices the events of each mode are measured in, the modes
 *                                       taking turns, so that load from elsewhere on the machine
 *                                       falls on all modes alike (default 3)
 *   --warmup=N       BENCH_WARMUP       appends per mode before measuring (default 200)
 *   --concurrency=L  BENCH_CONCURRENCY  comma-separated concurrencies (default 1,8)
 *   --modes=L        BENCH_MODES        comma-separated subset of the modes below (default all)
 *   --streams=N      BENCH_STREAMS      streams each worker appends to in turn (default 16)
 *   --verify=0|1     BENCH_VERIFY       seal and verify the whole log at the end, untimed (default 1)
 * Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD (default postgres@127.0.0.1:5432).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Pool, type ClientConfig } from 'pg';
import { EventStore } from '../src/event-store';
import { migrateEventStore } from '../src/schema';
import { Sealer } from '../src/sealer';
import { verifyChain } from '../src/verify';
import type { EventMetadata } from '../src/stored-event';

const MODES = {
  raw: 'raw pg: one single-row INSERT per transaction (named statement, as our append is), no hashing',
  ours: 'EventStore.append, SM3 content hash',
  'ours+key': 'EventStore.append, SM3, with idempotency key',
  'ours+key+outbox': 'as ours+key, plus one outbox message per append (the relay is woken after commit)',
  'ours+key+sealer': 'as ours+key, with the Sealer running (own pool of 2)',
} as const;
type Mode = keyof typeof MODES;

export interface BenchConfig {
  readonly events: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly concurrencies: readonly number[];
  readonly modes: readonly Mode[];
  readonly streamsPerWorker: number;
  readonly verify: boolean;
  readonly connection: ClientConfig;
}

export interface RunResult {
  readonly mode: Mode;
  readonly concurrency: number;
  readonly count: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  /** events/s of each round's slice */
  readonly roundRates: readonly number[];
  /** CPU time of this Node process (user + system) per append, in µs. */
  readonly clientCpu: number;
  /** CPU time of the database's backends per append, in µs, when the server runs on this machine. */
  readonly serverCpu?: number;
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
const TASKS = [
  '落实全面从严治党主体责任，定期研判本单位政治生态',
  '加强对“一把手”和领导班子的监督',
  '严格执行中央八项规定及其实施细则精神',
  '抓好党风廉政建设责任制考核',
];

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
      await rawPool.query({
        name: 'bench_raw_insert',
        text: RAW_INSERT,
        values: [
          stream.id,
          stream.version + 1,
          randomUUID(),
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(metadataFor(worker)),
          new Date(),
          hash,
        ],
      });
      stream.version += 1;
      return elapsedMs(started);
    };
  }
  const withKey = mode !== 'ours';
  const withOutbox = mode === 'ours+key+outbox';
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
      ...(withOutbox
        ? { outbox: [{ eventIndex: 0, topic: 'bench.letters', type: 'letters.ResponsibilityLetterSigned', version: 1, data: event.data }] }
        : {}),
      ...(withKey ? { idempotencyKey: randomUUID(), requestFingerprint: { type: 'SignResponsibilityLetter', data: event.data } } : {}),
    });
    const latency = elapsedMs(started);
    stream.hash = result.lastContentHash ?? null;
    stream.version = result.toVersion;
    return latency;
  };
}

/** One mode at one concurrency: its pools and streams, kept across the rounds. */
interface Lane {
  readonly mode: Mode;
  readonly pool: Pool;
  readonly sealerPool?: Pool;
  readonly operations: readonly Operation[];
  readonly streams: readonly (readonly StreamHead[])[];
  appended: number;
  readonly slices: { seconds: number; latencies: Float64Array; clientCpu: number; serverCpu?: number; unsealed?: number }[];
}

function openLane(mode: Mode, concurrency: number, config: BenchConfig, database: string): Lane {
  const poolConfig = { ...config.connection, database, idleTimeoutMillis: 0 };
  const pool = new Pool({ ...poolConfig, max: concurrency });
  const sealerPool = mode === 'ours+key+sealer' ? new Pool({ ...poolConfig, max: 2 }) : undefined;
  // Idle connections are cut when the database is dropped after an interrupt.
  for (const p of [pool, sealerPool]) p?.on('error', () => undefined);
  const store = new EventStore(pool, { source: 'bench', hashAlgorithm: 'sm3' });
  const runId = randomBytes(3).toString('hex');
  return {
    mode,
    pool,
    sealerPool,
    operations: Array.from({ length: concurrency }, (_, worker) => operationFor(mode, store, pool, worker)),
    streams: Array.from({ length: concurrency }, (_, worker) =>
      Array.from({ length: config.streamsPerWorker }, (_, s) => ({ id: `bench-${mode}-${runId}-${worker}-${s}`, version: 0, hash: null })),
    ),
    appended: 0,
    slices: [],
  };
}

async function closeLane(lane: Lane): Promise<void> {
  await lane.sealerPool?.end();
  await lane.pool.end();
}

/** `count` appends spread over the lane's workers; resolves to the wall-clock seconds and each latency. */
async function appendSlice(lane: Lane, count: number): Promise<{ seconds: number; latencies: Float64Array }> {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    lane.operations.map(async (operation, worker) => {
      const streams = lane.streams[worker];
      for (;;) {
        const index = next++;
        if (index >= count) return;
        latencies[index] = await operation(streams[(lane.appended + index) % streams.length], lane.appended + index);
      }
    }),
  );
  lane.appended += count;
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latencies };
}

async function measureSlice(lane: Lane, count: number): Promise<void> {
  // The sealer starts with an empty backlog: the other modes' events are sealed beforehand, untimed.
  const sealer = lane.sealerPool ? new Sealer(lane.sealerPool, 'sm3') : undefined;
  await sealer?.sealPending();
  await sealer?.start();
  try {
    const backends = await backendPids(lane.pool);
    const serverBefore = backendCpuMicros(backends);
    const cpuBefore = process.cpuUsage();
    const { seconds, latencies } = await appendSlice(lane, count);
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = backendCpuMicros(backends);
    lane.slices.push({
      seconds,
      latencies,
      clientCpu: cpu.user + cpu.system,
      serverCpu: serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore,
      unsealed: sealer ? await unsealedCount(lane.pool) : undefined,
    });
  } finally {
    await sealer?.stop();
  }
}

function summarise(lane: Lane, concurrency: number): RunResult {
  const count = lane.slices.reduce((sum, s) => sum + s.latencies.length, 0);
  const latencies = new Float64Array(count);
  let offset = 0;
  for (const slice of lane.slices) {
    latencies.set(slice.latencies, offset);
    offset += slice.latencies.length;
  }
  latencies.sort();
  const unsealed = lane.slices.map((s) => s.unsealed ?? 0);
  return {
    mode: lane.mode,
    concurrency,
    count,
    seconds: lane.slices.reduce((sum, s) => sum + s.seconds, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    roundRates: lane.slices.map((s) => s.latencies.length / s.seconds),
    clientCpu: lane.slices.reduce((sum, s) => sum + s.clientCpu, 0) / count,
    serverCpu: lane.slices.every((s) => s.serverCpu !== undefined)
      ? lane.slices.reduce((sum, s) => sum + (s.serverCpu ?? 0), 0) / count
      : undefined,
    note: lane.sealerPool ? `at most ${Math.max(...unsealed)} events unsealed when a round's last append returned` : undefined,
  };
}

async function runConcurrency(concurrency: number, config: BenchConfig, database: string): Promise<RunResult[]> {
  const lanes = config.modes.map((mode) => openLane(mode, concurrency, config, database));
  try {
    for (const lane of lanes) await appendSlice(lane, config.warmup);
    for (let round = 0; round < config.rounds; round++) {
      const count = Math.floor(config.events / config.rounds) + (round < config.events % config.rounds ? 1 : 0);
      for (const lane of lanes) await measureSlice(lane, count);
    }
    return lanes.map((lane) => summarise(lane, concurrency));
  } finally {
    for (const lane of lanes) await closeLane(lane);
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The backends connected to the bench database (the sealer's included), once the pools are full. */
async function backendPids(pool: Pool): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  return rows.map((r) => r.pid);
}

/** Summed user + system time of these processes from /proc, or undefined if the server is not local. */
function backendCpuMicros(pids: readonly number[]): number | undefined {
  const ticksPerSecond = 100;
  let total = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += Number(fields[11]) + Number(fields[12]);
  }
  return (total / ticksPerSecond) * 1e6;
}

async function unsealedCount(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: string }>('SELECT (SELECT count(*) FROM es_events) - (SELECT count(*) FROM es_seal) AS count');
  return Number(rows[0].count);
}

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
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
    events: Math.max(1, positive('events', 'BENCH_EVENTS', 2400)),
    rounds: Math.max(1, positive('rounds', 'BENCH_ROUNDS', 3)),
    warmup: positive('warmup', 'BENCH_WARMUP', 200),
    concurrencies,
    modes,
    streamsPerWorker: Math.max(1, positive('streams', 'BENCH_STREAMS', 16)),
    verify: setting('verify', 'BENCH_VERIFY', '1') !== '0',
    connection: {
      host: env.PGHOST ?? '127.0.0.1',
      port: Number(env.PGPORT ?? 5432),
      user: env.PGUSER ?? 'postgres',
      password: env.PGPASSWORD,
    },
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

/** Drops a bench's throwaway database, ending the sessions still on it. */
export async function dropDatabase(connection: ClientConfig, name: string): Promise<void> {
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
    return result.ok
      ? `all ${result.eventsChecked} appended events sealed, verifyChain ok`
      : `verifyChain FAILED: ${result.reason} at seq ${result.seq}: ${result.detail}`;
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

export function table(results: readonly RunResult[]): string {
  const header = [
    'mode',
    'conc',
    'events',
    'events/s',
    'per round',
    'p50 ms',
    'p99 ms',
    'ours/raw',
    'per round',
    'client CPU µs',
    'server CPU µs',
  ];
  const range = (values: readonly number[], digits: number) =>
    `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
  const rows = results.map((r) => {
    const rate = r.count / r.seconds;
    const raw = r.mode === 'raw' ? undefined : results.find((other) => other.mode === 'raw' && other.concurrency === r.concurrency);
    return [
      r.mode,
      String(r.concurrency),
      String(r.count),
      rate.toFixed(0),
      range(r.roundRates, 0),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      raw ? `${(rate / (raw.count / raw.seconds)).toFixed(2)}×` : '',
      raw
        ? range(
            r.roundRates.map((own, i) => own / raw.roundRates[i]),
            2,
          )
        : '',
      r.clientCpu.toFixed(0),
      r.serverCpu === undefined ? 'n/a' : r.serverCpu.toFixed(0),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs the bench in a throwaway database, printing through `log`; resolves to the figures. */
export async function runAppendBench(config: BenchConfig, log: (line: string) => void = console.log): Promise<RunResult[]> {
  const heap = trackPeakHeap();
  const database = await createDatabase(config.connection);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropDatabase(config.connection, database);
  };
  const interrupt = () => {
    console.error(`interrupted: dropping ${database}`);
    void drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const { server, settings } = await prepare(config.connection, database);
    log(`append benchmark — database ${database}, ${server} (${settings})`);
    log(
      `${config.events} measured appends of 1 event per mode and concurrency in ${config.rounds} rounds, the modes taking turns, after ${config.warmup} warm-up appends per mode; pool size = concurrency`,
    );
    log(
      `each worker appends to its own ${config.streamsPerWorker} streams in turn, tracking version and previous hash (no stream read before each append)`,
    );
    for (const mode of config.modes) log(`  ${mode.padEnd(16)} ${MODES[mode]}`);
    log('the sealer runs only in the ours+key+sealer rows; in the others nothing listens to the NOTIFY EventStore sends after commit');
    log('each append chains on the head hash the previous append returned (the command path reads it with the stream)');
    log('per round: lowest–highest over the rounds; ours/raw per round compares slices measured back to back');
    log("client/server CPU µs: CPU time per append of this Node process and of the bench database's backends (/proc; n/a if remote)");
    const results: RunResult[] = [];
    for (const concurrency of config.concurrencies) {
      const started = Date.now();
      const measured = await runConcurrency(concurrency, config, database);
      results.push(...measured);
      const notes = measured.filter((r) => r.note).map((r) => `; ${r.mode}: ${r.note}`);
      log(`  done: concurrency ${concurrency} in ${((Date.now() - started) / 1000).toFixed(1)} s${notes.join('')}`);
    }
    log('');
    log(table(results));
    const peak = heap.stop();
    log('');
    log(
      `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; peak heap used ${mb(peak.heapUsed)} of ${mb(peak.heapTotal)} (sampled every 50 ms)`,
    );
    const ours8 =
      results.find((r) => r.mode === 'ours+key' && r.concurrency === 8) ?? results.find((r) => r.mode === 'ours' && r.concurrency === 8);
    const raw8 = results.find((r) => r.mode === 'raw' && r.concurrency === 8);
    if (ours8 && raw8) {
      const ratio = ours8.count / ours8.seconds / (raw8.count / raw8.seconds);
      log(`aim: ${ours8.mode} ≥ 0.5× raw at concurrency 8 — ${ratio.toFixed(2)}× over all rounds: ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
    }
    if (config.verify) log(`log check (after the figures above, untimed): ${await sealAndVerify(config.connection, database)}`);
    return results;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    heap.stop();
    await drop();
  }
}

if (require.main === module) {
  runAppendBench(readConfig(process.argv.slice(2), process.env)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
