import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { backoffDelay, pause } from '@app/messaging';
import type { Logger, Metrics } from '@app/platform';

export interface PeriodicJobOptions {
  /** Stable name: the lock key, the metric label and the log field. */
  readonly name: string;
  /** Pause between the end of one pass and the start of the next. */
  readonly intervalMs: number;
  /** One pass over the work; answers how many items it acted on. */
  run(signal: AbortSignal): Promise<number>;
}

export interface PeriodicJobResult {
  /** False when another instance held the job's lock, so this one did nothing. */
  readonly ran: boolean;
  readonly processed: number;
  readonly durationMs: number;
}

/**
 * A pass run every `intervalMs` by one instance at a time across every process on the database
 * (a transaction-scoped advisory lock keyed by the job's name), with metrics and backoff on errors.
 * It holds no state of its own: what a pass acts on is decided from the log and read models each
 * time, so a restart loses nothing and a pass that runs twice acts once (the deciders make each
 * effect exactly-once). `runOnce` runs a pass now, e.g. on demand or from a test.
 */
export class PeriodicJob {
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private readonly lockKey: readonly [number, number];

  constructor(
    private readonly options: PeriodicJobOptions,
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    const digest = createHash('sha256').update(`periodic-job:${options.name}`).digest();
    this.lockKey = [digest.readInt32BE(0), digest.readInt32BE(4)];
  }

  start(): void {
    this.loop ??= this.runForever();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  async runOnce(): Promise<PeriodicJobResult> {
    const started = performance.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows = (await runner.query('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [...this.lockKey])) as { locked: boolean }[];
      const locked = rows[0].locked;
      if (!locked) {
        await runner.rollbackTransaction();
        return { ran: false, processed: 0, durationMs: performance.now() - started };
      }
      try {
        const processed = await this.options.run(this.abort.signal);
        const durationMs = performance.now() - started;
        this.metrics
          .gauge({ name: 'periodic_job_last_pass_seconds', help: 'Duration of the last pass of each periodic job', labelNames: ['job'] })
          .set({ job: this.options.name }, durationMs / 1000);
        this.metrics
          .counter({ name: 'periodic_job_items_total', help: 'Items periodic jobs acted on', labelNames: ['job'] })
          .inc({ job: this.options.name }, processed);
        return { ran: true, processed, durationMs };
      } finally {
        await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }

  private async runForever(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        const result = await this.runOnce();
        failures = 0;
        if (result.ran && result.processed > 0) {
          this.logger.info({ job: this.options.name, processed: result.processed, ms: Math.round(result.durationMs) }, 'periodic job pass');
        }
        await pause(this.options.intervalMs, this.abort.signal);
      } catch (error) {
        failures += 1;
        const delay = backoffDelay(failures, { initialMs: 1000, maxMs: Math.max(this.options.intervalMs, 30_000) });
        this.logger.error({ job: this.options.name, err: error, retryInMs: delay }, 'periodic job pass failed');
        await pause(delay, this.abort.signal);
      }
    }
  }
}
