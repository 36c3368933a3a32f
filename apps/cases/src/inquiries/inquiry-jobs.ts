import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DeadlineSweepService, type CommandContext } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger } from '@app/platform';
import { MarkInquiryReplyOverdueCommand } from './inquiry.command-handlers';
import { InquiryReads } from './inquiry.reads';

/**
 * `inquiry-deadlines`: records every reply not in by its due day. It keeps no state: the decider
 * records each once, so a repeated pass changes nothing.
 */
@Injectable()
export class InquiryJobs extends DeadlineSweepService<string> {
  constructor(
    commands: CommandBus,
    private readonly reads: InquiryReads,
    dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super('inquiry-deadlines', { commands, dataSource, logger, metrics });
  }

  protected due(today: string): Promise<string[]> {
    return this.reads.overdue(today);
  }

  protected command(inquiryId: string, context: CommandContext) {
    return new MarkInquiryReplyOverdueCommand({ inquiryId }, context);
  }
}
