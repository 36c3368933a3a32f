import { HealthChecks, postgresCheck, runChecks } from './health-checks';

describe('runChecks', () => {
  it('is up when every check resolves', async () => {
    const readiness = await runChecks([postgresCheck({ query: async () => ({ rows: [{ '?column?': 1 }] }) })], 1000);
    expect(readiness.status).toBe('up');
    expect(readiness.checks).toEqual([{ name: 'postgres', status: 'up', critical: true, durationMs: expect.any(Number) }]);
  });

  it('is down naming the failed check with a short reason, keeping the error apart', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const readiness = await runChecks(
      [
        { name: 'postgres', check: () => Promise.reject(refused) },
        { name: 'kafka', check: async () => undefined },
      ],
      1000,
    );
    expect(readiness.status).toBe('down');
    expect(readiness.checks).toEqual([
      { name: 'postgres', status: 'down', critical: true, durationMs: expect.any(Number), reason: 'ECONNREFUSED' },
      { name: 'kafka', status: 'up', critical: true, durationMs: expect.any(Number) },
    ]);
    expect(readiness.failures).toEqual([{ name: 'postgres', error: refused }]);
  });

  it('is degraded, not down, when only non-critical checks fail, and shows their detail', async () => {
    const readiness = await runChecks(
      [
        { name: 'postgres', check: async () => undefined },
        { name: 'kafka', critical: false, check: () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) },
        { name: 'outbox', critical: false, check: async () => ({ pending: 3 }) },
      ],
      1000,
    );
    expect(readiness.status).toBe('degraded');
    expect(readiness.checks[0]).not.toHaveProperty('detail');
    expect(readiness.checks[1]).toMatchObject({ status: 'down', critical: false, reason: 'ECONNREFUSED' });
    expect(readiness.checks[2]).toMatchObject({ status: 'up', detail: { pending: 3 } });
  });

  it('gives up on a check that hangs', async () => {
    const readiness = await runChecks([{ name: 'kafka', check: () => new Promise(() => undefined) }], 20);
    expect(readiness.checks[0]).toMatchObject({ status: 'down', reason: 'timed out' });
  });

  it('refuses two checks with one name', () => {
    const checks = new HealthChecks([{ name: 'postgres', check: async () => undefined }]);
    expect(() => checks.add({ name: 'postgres', check: async () => undefined })).toThrow(/twice/);
  });
});
