import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DeadlineSweepService, type CommandContext } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger } from '@app/platform';
import { MarkReturnOverdueCommand } from './return.command-handlers';
import { ReturnReads } from './return.reads';

type UnsubmittedReturn = { commission: string; quarter: string };

/**
 * `accountability-returns`: records, once, each commission's quarterly return not submitted by its
 * due day (rule `accountability_return.submission`) for a quarter with accountability activity.
 */
@Injectable()
export class ReturnJobs extends DeadlineSweepService<UnsubmittedReturn> {
  constructor(
    commands: CommandBus,
    dataSource: DataSource,
    private readonly reads: ReturnReads,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super('accountability-returns', { commands, dataSource, logger, metrics });
  }

  protected due(today: string): Promise<UnsubmittedReturn[]> {
    return this.reads.unsubmitted(today);
  }

  protected command(row: UnsubmittedReturn, context: CommandContext) {
    return new MarkReturnOverdueCommand(row, context);
  }
}
