import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { commandContext, PeriodicJob, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkInquiryReplyOverdueCommand } from './inquiry.command-handlers';
import { InquiryReads } from './inquiry.reads';

/** Pause between two passes of the inquiry deadline job, in milliseconds (provider; default 60 s). */
export const INQUIRY_JOBS_INTERVAL_MS = Symbol('INQUIRY_JOBS_INTERVAL_MS');
const DEFAULT_INTERVAL_MS = 60_000;

const JOBS: Principal = { personId: 'service:inquiry-jobs', roles: [], units: [] };

/**
 * `inquiry-deadlines`, one instance at a time (libs/kit PeriodicJob): records every reply not in by
 * its due day. It keeps no state: the decider records each once, so a repeated pass changes nothing.
 */
@Injectable()
export class InquiryJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly reads: InquiryReads,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Optional() @Inject(INQUIRY_JOBS_INTERVAL_MS) private readonly intervalMs: number = DEFAULT_INTERVAL_MS,
  ) {
    this.job = this.make(() => this.markOverdue(new Date()));
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** One pass now under the job's lock; `now` stands for the clock (tests look at a later day). */
  async runNow(now = new Date()): Promise<{ ran: boolean; acted: number }> {
    const pass = await this.make(() => this.markOverdue(now)).runOnce();
    return { ran: pass.ran, acted: pass.processed };
  }

  private make(run: () => Promise<number>): PeriodicJob {
    return new PeriodicJob({ name: 'inquiry-deadlines', intervalMs: this.intervalMs, run }, this.dataSource, this.logger, this.metrics);
  }

  private async markOverdue(now: Date): Promise<number> {
    const context = commandContext(JOBS, { now, correlationId: `inquiry-deadlines:${now.toISOString()}` });
    let marked = 0;
    for (const inquiryId of await this.reads.overdue(chinaDay(now))) {
      try {
        const answer: CommandResponse = await this.commands.execute(new MarkInquiryReplyOverdueCommand({ inquiryId }, context));
        marked += answer.events.length;
      } catch (error) {
        // One inquiry that cannot be marked does not hold up the others; the next pass tries it again.
        this.logger.error({ job: 'inquiry-deadlines', inquiryId, err: error }, 'inquiry deadline step failed');
      }
    }
    return marked;
  }
}
