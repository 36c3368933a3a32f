import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { tenThingsStreamId, type TenThingsCommand } from './ten-things.commands';
import { tenThingsDecider, type TenThingsState } from './ten-things.decider';
import type { TenThingsEvent } from './ten-things.events';

/** A ten-things project's entry to the command path; who may keep its ledger is the decider's rule. */
@Injectable()
export class TenThingsAggregate {
  private readonly aggregate: Aggregate<TenThingsState, TenThingsCommand, TenThingsEvent> = {
    decider: tenThingsDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.unitCode),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<TenThingsCommand>, context: CommandContext): Promise<CommandResponse> {
    const { unitCode, year, number } = command.data;
    return this.path.execute(this.aggregate, tenThingsStreamId(unitCode, year, number), command, context, unitCode);
  }
}
