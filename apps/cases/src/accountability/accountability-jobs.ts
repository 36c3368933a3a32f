import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { commandContext, PeriodicJob, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkFormalitiesOverdueCommand } from './accountability.command-handlers';

/** Pause between two passes, in milliseconds (provider; default 60 s). */
export const ACCOUNTABILITY_JOBS_INTERVAL_MS = Symbol('ACCOUNTABILITY_JOBS_INTERVAL_MS');

const JOBS: Principal = { personId: 'service:accountability-jobs', roles: [], units: [] };

/**
 * `accountability-formalities`: records, once, each decision whose formalities were not done by
 * their due day. Keeps no state: the decider records the miss once, so a repeated pass does nothing.
 */
@Injectable()
export class AccountabilityJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly formalities: PeriodicJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Optional() @Inject(ACCOUNTABILITY_JOBS_INTERVAL_MS) private readonly intervalMs: number = 60_000,
  ) {
    this.formalities = this.job(() => this.markOverdue(new Date()));
  }

  onApplicationBootstrap(): void {
    this.formalities.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.formalities.stop();
  }

  /** One pass now, under the job's lock; `now` stands for the clock. */
  async runNow(now = new Date()): Promise<{ ran: boolean; acted: number }> {
    const pass = await this.job(() => this.markOverdue(now)).runOnce();
    return { ran: pass.ran, acted: pass.processed };
  }

  private job(run: () => Promise<number>): PeriodicJob {
    return new PeriodicJob(
      { name: 'accountability-formalities', intervalMs: this.intervalMs, run },
      this.dataSource,
      this.logger,
      this.metrics,
    );
  }

  private async markOverdue(now: Date): Promise<number> {
    const rows: { decision_id: string }[] = await this.dataSource.query(
      'SELECT decision_id FROM acc_decisions WHERE formalities_pending_due_on < $1::date ORDER BY formalities_pending_due_on',
      [chinaDay(now)],
    );
    const context = commandContext(JOBS, { now, correlationId: `accountability-formalities:${now.toISOString()}` });
    let marked = 0;
    for (const row of rows) {
      try {
        const answer: CommandResponse = await this.commands.execute(
          new MarkFormalitiesOverdueCommand({ decisionId: row.decision_id }, context),
        );
        marked += answer.events.length;
      } catch (error) {
        this.logger.error({ job: 'accountability-formalities', decisionId: row.decision_id, err: error }, 'formalities step failed');
      }
    }
    return marked;
  }
}
