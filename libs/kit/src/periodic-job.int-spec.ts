import { DataSource } from 'typeorm';
import { createLogger, Metrics } from '@app/platform';
import { createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
import { PeriodicJob } from './periodic-job';

describe('periodic job: one pass at a time across processes, on and on until stopped', () => {
  let database: TestDatabase;
  let first: DataSource;
  let second: DataSource;
  const logger = createLogger('periodic-job-test', 'silent');

  beforeAll(async () => {
    database = await createTestDatabase('periodic_job');
    const options = { type: 'postgres' as const, ...PG_CONNECTION, username: PG_CONNECTION.user, database: database.name };
    first = await new DataSource(options).initialize();
    second = await new DataSource(options).initialize();
  });
  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
    await database?.drop();
  });

  test('while one instance runs a pass, another with the same name skips; a job of another name runs', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inPass = new Promise<void>((resolve) => (entered = resolve));
    const slow = new PeriodicJob(
      {
        name: 'overdue-scan',
        intervalMs: 60_000,
        run: async () => {
          entered();
          await held;
          return 3;
        },
      },
      first,
      logger,
      new Metrics('a'),
    );
    const rival = new PeriodicJob({ name: 'overdue-scan', intervalMs: 60_000, run: async () => 1 }, second, logger, new Metrics('b'));
    const other = new PeriodicJob({ name: 'due-soon-scan', intervalMs: 60_000, run: async () => 2 }, second, logger, new Metrics('b'));

    const running = slow.runOnce();
    await inPass;
    expect(await rival.runOnce()).toMatchObject({ ran: false, processed: 0 });
    expect(await other.runOnce()).toMatchObject({ ran: true, processed: 2 });
    release();
    expect(await running).toMatchObject({ ran: true, processed: 3 });
    expect(await rival.runOnce()).toMatchObject({ ran: true, processed: 1 });
  });

  test('started, it passes again after each interval, carries on after a failing pass, and stops when asked', async () => {
    let passes = 0;
    const metrics = new Metrics('c');
    const job = new PeriodicJob(
      {
        name: 'flaky',
        intervalMs: 20,
        run: async () => {
          passes += 1;
          if (passes === 2) throw new Error('database went away');
          return 1;
        },
      },
      first,
      logger,
      metrics,
    );
    job.start();
    for (let i = 0; i < 100 && passes < 4; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await job.stop();
    expect(passes).toBeGreaterThanOrEqual(4);
    const stoppedAt = passes;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(passes).toBe(stoppedAt);
    expect(await metrics.registry.getSingleMetricAsString('periodic_job_items_total')).toMatch(/job="flaky",service="c"} [3-9]/);
  });
});
