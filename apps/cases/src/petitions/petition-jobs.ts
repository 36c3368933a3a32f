import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import {
  commandContext,
  DEFAULT_SWEEP_INTERVAL_MS,
  DeadlineSweepService,
  PeriodicJob,
  type CommandContext,
  type DeadlineSweepPass,
} from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { MarkPetitionDeadlinesMissedCommand } from './petition.command-handlers';
import { PetitionCountsAggregate, type UnitPetitionCount } from './petition-counts';

/**
 * `petition-deadlines`: records every deadline passed with nothing done (acceptance and result
 * notices, the forward of a petition about the commission's own secretary), once each.
 */
@Injectable()
export class PetitionDeadlines extends DeadlineSweepService<{ petition_id: string }> {
  constructor(
    commands: CommandBus,
    private readonly db: DataSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super('petition-deadlines', { commands, dataSource: db, logger, metrics });
  }

  protected due(today: string): Promise<{ petition_id: string }[]> {
    return this.db.query('SELECT petition_id FROM case_petitions WHERE next_deadline_on < $1::date ORDER BY next_deadline_on', [today]);
  }

  protected command(row: { petition_id: string }, context: CommandContext) {
    return new MarkPetitionDeadlinesMissedCommand({ petitionId: row.petition_id }, context);
  }
}

const COUNTS: Principal = { personId: 'service:petition-counts', roles: [], units: [] };

/**
 * `petition-counts`, one instance at a time (libs/kit PeriodicJob): compiles each commission's
 * counts for every month that ended before yesterday. It keeps no state: the aggregate records each
 * commission and month once, so a restart or a repeated pass changes nothing.
 */
@Injectable()
export class PetitionCounts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly counts: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly countsAggregate: PetitionCountsAggregate,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.counts = this.job(() => this.compileCounts(new Date()));
  }

  onApplicationBootstrap(): void {
    this.counts.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.counts.stop();
  }

  /** One pass now, under the same lock as the scheduled passes; `now` stands for the clock (tests look at a later month). */
  async runNow(now = new Date()): Promise<DeadlineSweepPass> {
    const pass = await this.job(() => this.compileCounts(now)).runOnce();
    return { ran: pass.ran, acted: pass.processed };
  }

  private job(run: () => Promise<number>): PeriodicJob {
    return new PeriodicJob(
      { name: 'petition-counts', intervalMs: DEFAULT_SWEEP_INTERVAL_MS, run },
      this.dataSource,
      this.logger,
      this.metrics,
    );
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
    const context = commandContext(COUNTS, { now, correlationId: `petition-counts:${now.toISOString()}` });
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
