import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DeadlineSweepService, type CommandContext } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger } from '@app/platform';
import { MarkClueOverdueCommand } from './clue.command-handlers';

/**
 * `clue-deadlines`: every clue whose disposal decision day has passed with none approved is recorded
 * `ClueDisposalOverdue`, once (the decider records nothing the second time, and the read model drops
 * the clue from the scan).
 */
@Injectable()
export class ClueJobs extends DeadlineSweepService<{ clue_id: string }> {
  constructor(
    commands: CommandBus,
    private readonly db: DataSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super('clue-deadlines', { commands, dataSource: db, logger, metrics });
  }

  protected due(today: string): Promise<{ clue_id: string }[]> {
    return this.db.query('SELECT clue_id FROM case_clues WHERE next_deadline_on < $1::date ORDER BY next_deadline_on', [today]);
  }

  protected command(row: { clue_id: string }, context: CommandContext) {
    return new MarkClueOverdueCommand({ clueId: row.clue_id }, context);
  }
}
