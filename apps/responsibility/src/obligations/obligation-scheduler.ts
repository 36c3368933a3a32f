import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { commandContext, PeriodicJob, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkOverdueCommand, WarnDueSoonCommand } from './obligation.command-handlers';

/** Pause between two passes of the obligation scheduler, in milliseconds (provider; default 60 s). */
export const OBLIGATION_SCHEDULER_INTERVAL_MS = Symbol('OBLIGATION_SCHEDULER_INTERVAL_MS');
export const DEFAULT_OBLIGATION_SCHEDULER_INTERVAL_MS = 60_000;

/** Commands the scheduler keeps in flight during a pass. */
const SCHEDULER_CONCURRENCY = 4;

const SCHEDULER: Principal = { personId: 'service:obligation-scheduler', roles: [], units: [] };

export interface ObligationSchedulerPass {
  /** False when another instance was running a pass, so this one did nothing. */
  readonly ran: boolean;
  /** Obligations looked at: pending, due soon and not yet warned, or overdue and not yet marked. */
  readonly considered: number;
  readonly warned: number;
  readonly markedOverdue: number;
}

/**
 * The deadline scheduler: each pass reads the obligations read model for obligations due soon and
 * not yet warned, or past their due day and not yet marked, and sends `WarnDueSoon` / `MarkOverdue`
 * on the bus. It keeps no state: a restart, a second instance or a repeated pass changes nothing,
 * because the decider records each warning and each overdue mark once.
 */
@Injectable()
export class ObligationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Inject(OBLIGATION_SCHEDULER_INTERVAL_MS) private readonly intervalMs: number,
  ) {
    this.job = this.periodicJob(async () => acted(await this.pass()));
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass now (the on-demand route), or `ran: false` when another instance holds the pass. */
  async runNow(): Promise<ObligationSchedulerPass> {
    let figures: PassFigures = { considered: 0, warned: 0, markedOverdue: 0 };
    // Same job name, so the same lock: never at once with the scheduled pass, here or in another instance.
    const result = await this.periodicJob(async () => acted((figures = await this.pass()))).runOnce();
    return { ran: result.ran, ...figures };
  }

  private periodicJob(run: () => Promise<number>): PeriodicJob {
    return new PeriodicJob({ name: 'obligation-deadlines', intervalMs: this.intervalMs, run }, this.dataSource, this.logger, this.metrics);
  }

  private async pass(): Promise<PassFigures> {
    const now = new Date();
    const today = chinaDay(now);
    const rows = await obligationsToAct(this.dataSource, today);
    const context = commandContext(SCHEDULER, { now, correlationId: `obligation-scheduler:${now.toISOString()}` });
    let warned = 0;
    let markedOverdue = 0;
    let failed = 0;
    const act = async (row: { obligation_id: string; overdue: boolean }) => {
      const data = { obligationId: row.obligation_id };
      try {
        const answer: CommandResponse = await this.commands.execute(
          row.overdue ? new MarkOverdueCommand(data, context) : new WarnDueSoonCommand(data, context),
        );
        if (answer.events.length === 0) return;
        if (row.overdue) markedOverdue += 1;
        else warned += 1;
      } catch (error) {
        // One obligation that cannot be marked does not hold up the others; the next pass tries it again.
        failed += 1;
        this.logger.error({ job: 'obligation-deadlines', obligationId: row.obligation_id, err: error }, 'obligation scheduler step failed');
      }
    };
    // Each obligation is its own stream: a few commands in flight at once keep the database busy
    // while one waits on its round trips, within the connection pools (the pass holds one for its lock).
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < rows.length; index = next++) await act(rows[index]);
    };
    await Promise.all(Array.from({ length: Math.min(SCHEDULER_CONCURRENCY, rows.length) }, worker));
    this.logger.info({ job: 'obligation-deadlines', considered: rows.length, warned, markedOverdue, failed }, 'obligation scheduler pass');
    return { considered: rows.length, warned, markedOverdue };
  }
}

type PassFigures = Omit<ObligationSchedulerPass, 'ran'>;

/** The scheduler's scan: pending obligations past their due day and not yet marked, or due soon and not yet warned. */
export function obligationsToAct(dataSource: DataSource, today: string): Promise<{ obligation_id: string; overdue: boolean }[]> {
  return dataSource.query(
    `SELECT state->>'obligationId' AS obligation_id, due_on < $1::date AS overdue FROM resp_obligations
      WHERE status = 'pending'
        AND ((due_on < $1::date AND marked_overdue_on IS NULL) OR (warn_from <= $1::date AND due_on >= $1::date AND warned_on IS NULL))
      ORDER BY due_on`,
    [today],
  );
}

const acted = (figures: PassFigures): number => figures.warned + figures.markedOverdue;
