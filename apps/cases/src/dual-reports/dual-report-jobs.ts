import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { commandContext, PeriodicJob, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkDualReportOverdueCommand } from './dual-report.command-handlers';

/** Pause between two passes of `dual-report-deadlines`, in milliseconds (provider; default 60 s). */
export const DUAL_REPORT_JOBS_INTERVAL_MS = Symbol('DUAL_REPORT_JOBS_INTERVAL_MS');
const DEFAULT_INTERVAL_MS = 60_000;

const JOBS: Principal = { personId: 'service:dual-report-jobs', roles: [], units: [] };

/**
 * `dual-report-deadlines`, one instance at a time (libs/kit PeriodicJob): every recipient that has
 * not acknowledged a dual report by its due day is recorded overdue, once.
 */
@Injectable()
export class DualReportJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly deadlines: PeriodicJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Optional() @Inject(DUAL_REPORT_JOBS_INTERVAL_MS) private readonly intervalMs: number = DEFAULT_INTERVAL_MS,
  ) {
    this.deadlines = this.job(() => this.markOverdue(new Date()));
  }

  onApplicationBootstrap(): void {
    this.deadlines.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.deadlines.stop();
  }

  /** One pass now, under the same lock as the scheduled passes; `now` stands for the clock. */
  async runNow(now = new Date()): Promise<{ ran: boolean; acted: number }> {
    const pass = await this.job(() => this.markOverdue(now)).runOnce();
    return { ran: pass.ran, acted: pass.processed };
  }

  private job(run: () => Promise<number>): PeriodicJob {
    return new PeriodicJob({ name: 'dual-report-deadlines', intervalMs: this.intervalMs, run }, this.dataSource, this.logger, this.metrics);
  }

  private async markOverdue(now: Date): Promise<number> {
    const rows: { report_id: string }[] = await this.dataSource.query(
      `SELECT report_id FROM case_dual_reports WHERE next_deadline_on < $1::date ORDER BY next_deadline_on`,
      [chinaDay(now)],
    );
    const context = commandContext(JOBS, { now, correlationId: `dual-report-deadlines:${now.toISOString()}` });
    let marked = 0;
    for (const row of rows) {
      try {
        const answer: CommandResponse = await this.commands.execute(new MarkDualReportOverdueCommand({ reportId: row.report_id }, context));
        marked += answer.events.length;
      } catch (error) {
        this.logger.error({ job: 'dual-report-deadlines', reportId: row.report_id, err: error }, 'dual report deadline step failed');
      }
    }
    return marked;
  }
}
