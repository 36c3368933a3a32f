import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DeadlineSweepService, type CommandContext } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger } from '@app/platform';
import { MarkFormalitiesOverdueCommand } from './accountability.command-handlers';

/**
 * `accountability-formalities`: records, once, each decision whose formalities were not done by
 * their due day. Keeps no state: the decider records the miss once, so a repeated pass does nothing.
 */
@Injectable()
export class AccountabilityJobs extends DeadlineSweepService<{ decision_id: string }> {
  constructor(
    commands: CommandBus,
    private readonly db: DataSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super('accountability-formalities', { commands, dataSource: db, logger, metrics });
  }

  protected due(today: string): Promise<{ decision_id: string }[]> {
    return this.db.query(
      'SELECT decision_id FROM acc_decisions WHERE formalities_pending_due_on < $1::date ORDER BY formalities_pending_due_on',
      [today],
    );
  }

  protected command(row: { decision_id: string }, context: CommandContext) {
    return new MarkFormalitiesOverdueCommand({ decisionId: row.decision_id }, context);
  }
}
