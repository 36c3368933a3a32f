import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventSourcing, verifyChain } from '@app/eventstore';
import { PG_CONNECTION, startTestApp, type TestApp } from '@app/testing';
import { RegistryEnv } from '../src/registry.env';
import { RegistryModule } from '../src/registry.module';
import { startRegistry } from './registry-test-app';

const run = randomBytes(3).toString('hex').toUpperCase();
const unitBody = (code: string) => ({
  code,
  name: `故障${code}`,
  kind: 'party_committee',
  level: 'district',
  jurisdictionCode: '410105',
  effectiveFrom: '2020-01-01',
});

describe('organisation registry when PostgreSQL terminates its sessions under load', () => {
  let registry: TestApp<RegistryEnv>;
  beforeAll(async () => void ({ app: registry } = await startRegistry()));
  afterAll(() => registry?.close());

  it('stays up, answers 503 with Retry-After (never 500) for a lost session, and loses nothing', async () => {
    const token = registry.token(['registry_admin', 'auditor']);
    const killer = new Client({ ...PG_CONNECTION, database: registry.config.PGDATABASE });
    killer.on('error', () => undefined);
    await killer.connect();
    const statuses = new Map<number, number>();
    const codes = new Set<string>();
    let loading = true;
    const writer = async (w: number) => {
      const written: string[] = [];
      for (let i = 0; loading; i++) {
        const code = `F-${run}-${w}-${i}`;
        const key = randomUUID();
        // A client retries a 503 with the same Idempotency-Key until the command is answered.
        for (let attempt = 0; ; attempt++) {
          const response = await registry.request('POST', '/units', { token, body: unitBody(code), headers: { 'idempotency-key': key } });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 503) {
            codes.add(String(response.body.code));
            expect(response.headers.get('retry-after')).toBe('1');
            await new Promise((resolve) => setTimeout(resolve, 20));
            continue;
          }
          expect(response.status).toBe(201);
          written.push(code);
          break;
        }
      }
      return written;
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    let terminated = 0;
    try {
      for (let round = 0; round < 12; round++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const { rows } = await killer.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`,
          [registry.config.PGUSER],
        );
        for (const { pid } of rows) {
          await killer.query('SELECT pg_terminate_backend($1)', [pid]);
          terminated++;
        }
      }
    } finally {
      loading = false;
      await killer.end();
    }
    const written = (await Promise.all(writers)).flat();
    process.stdout.write(
      `backend termination: ${terminated} sessions terminated in 12 rounds; ${written.length} units written; answers ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    expect(terminated).toBeGreaterThan(12);
    expect([...statuses.keys()].every((status) => status === 201 || status === 503)).toBe(true);
    expect([...codes].every((code) => code === 'SERVICE.DATABASE_UNAVAILABLE')).toBe(true);

    // Nothing lost, nothing twice: each answered command is in the log once and in the read models.
    const sourcing = registry.app.get(EventSourcing);
    const { rows: streams } = await sourcing.pool.query<{ stream_id: string; events: number }>(
      `SELECT stream_id, count(*)::int AS events FROM es_events WHERE stream_id LIKE $1 GROUP BY stream_id`,
      [`unit-F-${run}-%`],
    );
    expect(streams.length).toBe(written.length);
    expect(streams.every((s) => s.events === 1)).toBe(true);
    for (const code of written) expect((await registry.request('GET', `/units/${code}`, { token })).status).toBe(200);

    // The sealer, projections and relay came back: everything gets sealed and the chain holds.
    const ready = await registry.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      await sourcing.sealer.sealPending();
      const { rows } = await sourcing.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM es_events e WHERE NOT EXISTS (SELECT 1 FROM es_seal s WHERE s.position = e.position)',
      );
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await verifyChain(sourcing.pool, sourcing.store.hashAlgorithm)).toMatchObject({ ok: true });
  }, 90_000);
});

describe('organisation registry while Kafka is away', () => {
  let registry: TestApp<RegistryEnv>;

  beforeAll(async () => {
    registry = await startTestApp({
      name: 'org-registry',
      env: RegistryEnv,
      module: (config) => RegistryModule.forRoot(config),
      vars: { KAFKA_BROKERS: '127.0.0.1:1' },
    });
  });
  afterAll(() => registry?.close());

  it('stays in rotation, degraded, and takes commands through the outbox', async () => {
    const token = registry.token(['registry_admin']);
    const created = await registry.request('POST', '/units', { token, body: unitBody(`K-${run}`) });
    expect(created.status).toBe(201);
    const ready = await registry.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'postgresql', status: 'up', critical: true }),
        expect.objectContaining({ name: 'kafka', status: 'down', critical: false }),
        expect.objectContaining({ name: 'outbox', status: 'up', critical: false, detail: { pending: 1 } }),
      ]),
    );
  });
});
