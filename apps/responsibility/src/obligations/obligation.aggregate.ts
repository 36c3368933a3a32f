import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { obligationStreamId, type ObligationCommand } from './obligation.commands';
import { obligationDecider, type ObligationState } from './obligation.decider';
import type { ObligationEvent } from './obligation.events';

/** The entry to obligation streams: every edge (HTTP, scheduler, process managers) sends through here. */
@Injectable()
export class ObligationAggregate {
  private readonly aggregate: Aggregate<ObligationState, ObligationCommand, ObligationEvent> = {
    decider: obligationDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.unitCode),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<ObligationCommand>, context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, obligationStreamId(command.data.obligationId), command, context);
  }
}
