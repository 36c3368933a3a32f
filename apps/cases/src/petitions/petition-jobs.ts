import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { commandContext, PeriodicJob, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkPetitionDeadlinesMissedCommand } from './petition.command-handlers';
import { PetitionCountsAggregate, type UnitPetitionCount } from './petition-counts';

/** Pause between two passes of the petition jobs, in milliseconds (provider; default 60 s). */
export const PETITION_JOBS_INTERVAL_MS = Symbol('PETITION_JOBS_INTERVAL_MS');
const DEFAULT_INTERVAL_MS = 60_000;

const JOBS: Principal = { personId: 'service:petition-jobs', roles: [], units: [] };

export interface PetitionJobsPass {
  /** False when another instance held the job's lock, so this one did nothing. */
  readonly ran: boolean;
  readonly acted: number;
}

/**
 * The petitions' two periodic jobs, one instance at a time each (libs/kit PeriodicJob):
 * `petition-deadlines` records every deadline passed with nothing done (acceptance and result
 * notices, the forward of a petition about the commission's own secretary), and `petition-counts`
 * compiles each commission's counts for every month that ended before yesterday. Neither keeps
 * state: the deciders record each effect once, so a restart or a repeated pass changes nothing.
 */
@Injectable()
export class PetitionJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly deadlines: PeriodicJob;
  private readonly counts: PeriodicJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly countsAggregate: PetitionCountsAggregate,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Optional() @Inject(PETITION_JOBS_INTERVAL_MS) private readonly intervalMs: number = DEFAULT_INTERVAL_MS,
  ) {
    this.deadlines = this.job('petition-deadlines', () => this.markMissed(new Date()));
    this.counts = this.job('petition-counts', () => this.compileCounts(new Date()));
  }

  onApplicationBootstrap(): void {
    this.deadlines.start();
    this.counts.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.deadlines.stop(), this.counts.stop()]);
  }

  /**
   * One pass of each now, under the same locks as the scheduled passes; `now` stands for the clock
   * (tests look at a later day).
   */
  async runNow(now = new Date()): Promise<{ deadlines: PetitionJobsPass; counts: PetitionJobsPass }> {
    const deadlines = await this.job('petition-deadlines', () => this.markMissed(now)).runOnce();
    const counts = await this.job('petition-counts', () => this.compileCounts(now)).runOnce();
    return {
      deadlines: { ran: deadlines.ran, acted: deadlines.processed },
      counts: { ran: counts.ran, acted: counts.processed },
    };
  }

  private job(name: string, run: () => Promise<number>): PeriodicJob {
    return new PeriodicJob({ name, intervalMs: this.intervalMs, run }, this.dataSource, this.logger, this.metrics);
  }

  private async markMissed(now: Date): Promise<number> {
    const rows: { petition_id: string }[] = await this.dataSource.query(
      `SELECT petition_id FROM case_petitions WHERE next_deadline_on < $1::date ORDER BY next_deadline_on`,
      [chinaDay(now)],
    );
    const context = commandContext(JOBS, { now, correlationId: `petition-deadlines:${now.toISOString()}` });
    let marked = 0;
    for (const row of rows) {
      try {
        const answer: CommandResponse = await this.commands.execute(
          new MarkPetitionDeadlinesMissedCommand({ petitionId: row.petition_id }, context),
        );
        marked += answer.events.length;
      } catch (error) {
        // One petition that cannot be marked does not hold up the others; the next pass tries it again.
        this.logger.error({ job: 'petition-deadlines', petitionId: row.petition_id, err: error }, 'petition deadline step failed');
      }
    }
    return marked;
  }

  /**
   * Months that ended before yesterday (so that the read model has every petition registered on
   * their last day), per commission, not compiled yet.
   */
  private async compileCounts(now: Date): Promise<number> {
    const today = chinaDay(now);
    const rows: { commission: string; month: string; counts: UnitPetitionCount[] }[] = await this.dataSource.query(
      `WITH due AS (
         SELECT DISTINCT receiving_commission AS commission, to_char(registered_on, 'YYYY-MM') AS month
           FROM case_petitions
          WHERE registered_on < date_trunc('month', $1::date - 1)
            AND NOT EXISTS (
              SELECT 1 FROM es_events e
               WHERE e.stream_id = 'petition-counts-' || receiving_commission || '-' || to_char(registered_on, 'YYYY-MM'))
       )
       SELECT due.commission, due.month,
              COALESCE((SELECT json_agg(json_build_object('unitCode', unit_code, 'petitions', n) ORDER BY unit_code)
                          FROM (SELECT unit.code AS unit_code, count(*)::int AS n
                                  FROM case_petitions p, jsonb_array_elements_text(p.state->'reportedUnits') AS unit(code)
                                 WHERE p.receiving_commission = due.commission
                                   AND to_char(p.registered_on, 'YYYY-MM') = due.month
                                   AND p.status NOT IN ('forwarded', 'repeat')
                                 GROUP BY unit.code) per_unit), '[]'::json) AS counts
         FROM due ORDER BY due.month, due.commission`,
      [today],
    );
    const context = commandContext(JOBS, { now, correlationId: `petition-counts:${now.toISOString()}` });
    let compiled = 0;
    for (const row of rows) {
      try {
        const answer = await this.countsAggregate.compile(row, context);
        compiled += answer.events.length;
      } catch (error) {
        this.logger.error(
          { job: 'petition-counts', commission: row.commission, month: row.month, err: error },
          'petition counts step failed',
        );
      }
    }
    return compiled;
  }
}
