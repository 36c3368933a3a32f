/**
 * The projection rebuild bench, for any service: a log of N events written straight into a
 * throwaway database's es_events and es_seal, then ProjectionRunner.catchUp with the service's
 * projections, timed. The service's entry point (e.g. apps/org-registry/bench/rebuild.bench.ts)
 * supplies the events, entities, migrations and projections.
 *
 * Options: --events=N (BENCH_EVENTS, default 1000000), --keep=1 keeps the database.
 * Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD (a role that may create databases).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client, Pool, type ClientConfig } from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface, type MixedList } from 'typeorm';
import { EventStore } from '../src/event-store';
import { ProjectionRunner, type Projection } from '../src/projection';
import { migrateEventStore } from '../src/schema';
import type { EventMetadata } from '../src/stored-event';
import { cpuSpent, mb, processesCpuMicros, renderTable, settings } from './bench-support';

export interface LogEvent {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

type EntityClass = abstract new (...args: never[]) => unknown;

export interface RebuildSubject {
  readonly service: string;
  readonly entities: MixedList<EntityClass | string | EntitySchema>;
  readonly migrations: MixedList<new () => MigrationInterface>;
  readonly projections: readonly Projection[];
  /** `count` events in log order, each stream's versions consecutive from 1. */
  events(count: number): Iterable<LogEvent>;
}

const INSERT_BATCH = 5000;

const INSERT_EVENTS = `
INSERT INTO es_events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, content_hash, previous_hash)
SELECT s, v, gen_random_uuid(), t, 1, d, m, r, h, p
  FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[], $6::timestamptz[], $7::bytea[], $8::bytea[]) AS x(s, v, t, d, m, r, h, p)`;

/**
 * Writes the log in batches; content hashes are SHA-256 of each event's data, not the real
 * content hash (nothing here verifies it), each naming its stream predecessor's as its previous
 * hash, as the database's guard requires.
 */
async function writeLog(pool: Pool, events: Iterable<LogEvent>): Promise<{ count: number; byType: Map<string, number> }> {
  const byType = new Map<string, number>();
  let count = 0;
  let batch: LogEvent[] = [];
  const heads = new Map<string, Buffer>();
  const flush = async () => {
    if (batch.length === 0) return;
    const data = batch.map((e) => JSON.stringify(e.data));
    const hashes = data.map((d) => createHash('sha256').update(d).digest());
    const previous = batch.map((e, i) => {
      const head = heads.get(e.streamId) ?? null;
      heads.set(e.streamId, hashes[i]);
      return head;
    });
    await pool.query(INSERT_EVENTS, [
      batch.map((e) => e.streamId),
      batch.map((e) => e.version),
      batch.map((e) => e.type),
      data,
      batch.map((e) => JSON.stringify(e.metadata)),
      batch.map((e) => e.recordedAt),
      hashes,
      previous,
    ]);
    batch = [];
  };
  for (const event of events) {
    batch.push(event);
    byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
    count += 1;
    if (batch.length === INSERT_BATCH) await flush();
  }
  await flush();
  // One writer, committed in order: seq = position. Placeholder links (the projections follow seq, never the hash).
  await pool.query(
    'INSERT INTO es_seal (seq, position, chain_hash) SELECT position, position, content_hash FROM es_events ORDER BY position',
  );
  await pool.query('ANALYZE es_events');
  await pool.query('ANALYZE es_seal');
  return { count, byType };
}

interface Timing {
  readonly label: string;
  readonly seconds: number;
  readonly clientCpu: number;
  readonly serverCpu: number;
  readonly events: number;
}

async function timedCatchUp(
  label: string,
  store: EventStore,
  dataSource: DataSource,
  projections: readonly Projection[],
  admin: Client,
  database: string,
  events: number,
): Promise<Timing> {
  const runner = new ProjectionRunner(store, dataSource, projections);
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  const pids = rows.map((r) => r.pid);
  const serverBefore = processesCpuMicros(pids);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await runner.catchUp();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    label,
    seconds,
    clientCpu: cpu.user + cpu.system,
    serverCpu: cpuSpent(serverBefore, processesCpuMicros(pids)),
    events,
  };
}

export async function runRebuildBench(subject: RebuildSubject, argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const s = settings(argv, env);
  const count = s.number('events', 'BENCH_EVENTS', 1_000_000, (n) => Number.isInteger(n) && n > 0);
  const keep = s.get('keep', '', '0') !== '0';
  const connection: ClientConfig = {
    host: env.PGHOST ?? '127.0.0.1',
    port: Number(env.PGPORT ?? 5432),
    user: env.PGUSER ?? 'postgres',
    password: env.PGPASSWORD,
  };
  const database = `bench_rebuild_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const pool = new Pool({ ...connection, database, max: 4 });
  pool.on('error', () => undefined);
  const dataSource = new DataSource({
    type: 'postgres',
    host: connection.host,
    port: connection.port,
    username: connection.user,
    password: typeof connection.password === 'string' ? connection.password : undefined,
    database,
    entities: subject.entities,
    migrations: subject.migrations,
    migrationsTableName: 'typeorm_migrations',
    extra: { max: 4 },
  });
  try {
    console.log(`rebuild bench (${subject.service}) — database ${database}, ${new Date().toISOString()}`);
    await migrateEventStore(pool);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const loadStarted = Date.now();
    const { byType } = await writeLog(pool, subject.events(count));
    const { rows: size } = await pool.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('es_events')) AS size`);
    console.log(
      `log: ${count} events written and sealed in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s (untimed; es_events ${size[0].size})`,
    );
    console.log(
      `  ${[...byType]
        .sort((a, b) => b[1] - a[1])
        .map(([type, n]) => `${type} ${n}`)
        .join(', ')}`,
    );
    const store = new EventStore(pool, { source: subject.service, hashAlgorithm: 'sha256' });
    const timings: Timing[] = [];
    // Each projection alone, then all together as the service runs them (ProjectionRunner.catchUp).
    for (const projection of subject.projections) {
      timings.push(await timedCatchUp(projection.name, store, dataSource, [projection], admin, database, count));
      await dataSource.query('DELETE FROM es_checkpoints');
    }
    timings.push(await timedCatchUp('all (as the service runs them)', store, dataSource, subject.projections, admin, database, count));
    console.log('');
    console.log(
      renderTable(
        ['projections', 'events', 'seconds', 'events/s', 'Node CPU µs/event', 'db CPU µs/event'],
        timings.map((t) => [
          t.label,
          String(t.events),
          t.seconds.toFixed(1),
          (t.events / t.seconds).toFixed(0),
          (t.clientCpu / t.events).toFixed(1),
          (t.serverCpu / t.events).toFixed(1),
        ]),
      ),
    );
    const all = timings.at(-1)!;
    const rate = all.events / all.seconds;
    console.log('');
    console.log(
      `events/s = events in the log / wall time of catchUp (the log is read once, in batches of 5000 per transaction, for all the projections being rebuilt); peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    console.log(`aim: rebuild ≥ 50,000 events/s — ${rate.toFixed(0)} events/s: ${rate >= 50_000 ? 'met' : 'NOT met'}`);
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await pool.end();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    else console.log(`kept database ${database}`);
    await admin.end();
  }
}
