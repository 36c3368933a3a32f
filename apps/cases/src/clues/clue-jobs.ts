import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { commandContext, PeriodicJob, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkClueOverdueCommand } from './clue.command-handlers';

/** Pause between two passes of `clue-deadlines`, in milliseconds (provider; default 60 s). */
export const CLUE_JOBS_INTERVAL_MS = Symbol('CLUE_JOBS_INTERVAL_MS');
const DEFAULT_INTERVAL_MS = 60_000;

const JOBS: Principal = { personId: 'service:clue-jobs', roles: [], units: [] };

/**
 * `clue-deadlines`, one instance at a time (libs/kit PeriodicJob): every clue whose disposal
 * decision day has passed with none approved is recorded `ClueDisposalOverdue`, once (the decider
 * records nothing the second time, and the read model drops the clue from the scan).
 */
@Injectable()
export class ClueJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly deadlines: PeriodicJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Optional() @Inject(CLUE_JOBS_INTERVAL_MS) private readonly intervalMs: number = DEFAULT_INTERVAL_MS,
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
    return new PeriodicJob({ name: 'clue-deadlines', intervalMs: this.intervalMs, run }, this.dataSource, this.logger, this.metrics);
  }

  private async markOverdue(now: Date): Promise<number> {
    const rows: { clue_id: string }[] = await this.dataSource.query(
      `SELECT clue_id FROM case_clues WHERE next_deadline_on < $1::date ORDER BY next_deadline_on`,
      [chinaDay(now)],
    );
    const context = commandContext(JOBS, { now, correlationId: `clue-deadlines:${now.toISOString()}` });
    let marked = 0;
    for (const row of rows) {
      try {
        const answer: CommandResponse = await this.commands.execute(new MarkClueOverdueCommand({ clueId: row.clue_id }, context));
        marked += answer.events.length;
      } catch (error) {
        this.logger.error({ job: 'clue-deadlines', clueId: row.clue_id, err: error }, 'clue deadline step failed');
      }
    }
    return marked;
  }
}
