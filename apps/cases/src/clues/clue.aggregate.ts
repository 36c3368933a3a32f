import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { clueStreamId, type ClueCommand } from './clue.commands';
import { clueDecider, type ClueState } from './clue.decider';
import type { ClueEvent } from './clue.events';

/** A clue's entry to the command path; who may act on it is the decider's rule. */
@Injectable()
export class ClueAggregate {
  private readonly aggregate: Aggregate<ClueState, ClueCommand, ClueEvent> = {
    decider: clueDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.commission),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<ClueCommand>, context: CommandContext, commissionCode: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, clueStreamId(command.data.clueId), command, context, commissionCode);
  }
}
