import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { commandContext, PeriodicJob, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkReturnOverdueCommand } from './return.command-handlers';
import { ReturnReads } from './return.reads';

/** Pause between two passes, in milliseconds (provider; default 60 s). */
export const RETURN_JOBS_INTERVAL_MS = Symbol('RETURN_JOBS_INTERVAL_MS');

const JOBS: Principal = { personId: 'service:return-jobs', roles: [], units: [] };

/**
 * `accountability-returns`: records, once, each commission's quarterly return not submitted by its
 * due day (rule `accountability_return.submission`) for a quarter with accountability activity.
 */
@Injectable()
export class ReturnJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly overdue: PeriodicJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly reads: ReturnReads,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Optional() @Inject(RETURN_JOBS_INTERVAL_MS) private readonly intervalMs: number = 60_000,
  ) {
    this.overdue = this.job(() => this.markOverdue(new Date()));
  }

  onApplicationBootstrap(): void {
    this.overdue.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.overdue.stop();
  }

  /** One pass now, under the job's lock; `now` stands for the clock. */
  async runNow(now = new Date()): Promise<{ ran: boolean; acted: number }> {
    const pass = await this.job(() => this.markOverdue(now)).runOnce();
    return { ran: pass.ran, acted: pass.processed };
  }

  private job(run: () => Promise<number>): PeriodicJob {
    return new PeriodicJob(
      { name: 'accountability-returns', intervalMs: this.intervalMs, run },
      this.dataSource,
      this.logger,
      this.metrics,
    );
  }

  private async markOverdue(now: Date): Promise<number> {
    const context = commandContext(JOBS, { now, correlationId: `accountability-returns:${now.toISOString()}` });
    let marked = 0;
    for (const row of await this.reads.unsubmitted(chinaDay(now))) {
      try {
        const answer: CommandResponse = await this.commands.execute(new MarkReturnOverdueCommand(row, context));
        marked += answer.events.length;
      } catch (error) {
        this.logger.error({ job: 'accountability-returns', ...row, err: error }, 'return overdue step failed');
      }
    }
    return marked;
  }
}
