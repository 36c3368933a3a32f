import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PG_CONNECTION, type TestApp } from '@app/testing';
import type { RegistryEnv } from '../src/registry.env';
import { startRegistry } from './registry-test-app';

const run = randomBytes(3).toString('hex').toUpperCase();

describe('organisation registry while a long transaction runs in its database', () => {
  let registry: TestApp<RegistryEnv>;
  beforeAll(async () => void ({ app: registry } = await startRegistry()));
  afterAll(() => registry?.close());

  it('answers commands without waiting for a 15 s write transaction held open, and a read after a write sees it', async () => {
    const token = registry.token(['registry_admin']);
    const holder = new Client({ ...PG_CONNECTION, database: registry.config.PGDATABASE });
    await holder.connect();
    const latencies: number[] = [];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      const heldUntil = Date.now() + 15_000;
      for (let i = 0; Date.now() < heldUntil - 500; i++) {
        const code = `LONG-${run}-${i}`;
        const started = performance.now();
        const response = await registry.request('POST', '/units', {
          token,
          body: {
            code,
            name: `长事务${i}`,
            kind: 'party_committee',
            level: 'district',
            jurisdictionCode: '410105',
            effectiveFrom: '2020-01-01',
          },
        });
        latencies.push(performance.now() - started);
        expect(response.status).toBe(201);
        expect((await registry.request('GET', `/units/${code}`, { token })).status).toBe(200);
      }
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    process.stdout.write(
      `commands during a 15 s transaction: n=${sorted.length} p50=${p50.toFixed(1)} ms p95=${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms\n`,
    );
    // Behaviour, not a speed target (the figure is printed; the README has the measurements): had commands
    // waited for the held transaction, the first would have taken its 15 s and the loop would have run once or twice.
    expect(sorted.length).toBeGreaterThan(10);
    expect(sorted.at(-1)).toBeLessThan(10_000);
  }, 60_000);
});
