import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DeadlineSweepService, type CommandContext } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger } from '@app/platform';
import { MarkDualReportOverdueCommand } from './dual-report.command-handlers';

/**
 * `dual-report-deadlines`: every recipient that has not acknowledged a dual report by its due day is
 * recorded overdue, once.
 */
@Injectable()
export class DualReportJobs extends DeadlineSweepService<{ report_id: string }> {
  constructor(
    commands: CommandBus,
    private readonly db: DataSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super('dual-report-deadlines', { commands, dataSource: db, logger, metrics });
  }

  protected due(today: string): Promise<{ report_id: string }[]> {
    return this.db.query('SELECT report_id FROM case_dual_reports WHERE next_deadline_on < $1::date ORDER BY next_deadline_on', [today]);
  }

  protected command(row: { report_id: string }, context: CommandContext) {
    return new MarkDualReportOverdueCommand({ reportId: row.report_id }, context);
  }
}
