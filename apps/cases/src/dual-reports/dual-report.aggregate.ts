import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { dualReportStreamId, type DualReportCommand } from './dual-report.commands';
import { dualReportDecider, type DualReportState } from './dual-report.decider';
import type { DualReportEvent } from './dual-report.events';

/** A dual report's entry to the command path; who may acknowledge is the decider's rule. */
@Injectable()
export class DualReportAggregate {
  private readonly aggregate: Aggregate<DualReportState, DualReportCommand, DualReportEvent> = {
    decider: dualReportDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.commission),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<DualReportCommand>, context: CommandContext, commissionCode: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, dualReportStreamId(command.data.reportId), command, context, commissionCode);
  }
}
