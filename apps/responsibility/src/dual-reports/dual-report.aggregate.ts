import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { dualReportStreamId, type DualReportCommand } from './dual-report.commands';
import { dualReportDecider, type DualReportState } from './dual-report.decider';
import type { DualReportEvent } from './dual-report.events';

/** The entry to dual report streams (one per unit, year and kind). */
@Injectable()
export class DualReportAggregate {
  private readonly aggregate: Aggregate<DualReportState, DualReportCommand, DualReportEvent> = {
    decider: dualReportDecider,
    unitOf: (state) => (state.status === 'submitted' ? state.unitCode : undefined),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<DualReportCommand>, context: CommandContext): Promise<CommandResponse> {
    const { unitCode, year, kind } = command.data;
    return this.path.execute(this.aggregate, dualReportStreamId(unitCode, year, kind), command, context, unitCode);
  }
}
