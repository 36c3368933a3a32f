import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { petitionStreamId, type PetitionCommand } from './petition.commands';
import { petitionDecider, type PetitionState } from './petition.decider';
import type { PetitionEvent } from './petition.events';

/** A petition's entry to the command path; who may act on it is the decider's rule. */
@Injectable()
export class PetitionAggregate {
  private readonly aggregate: Aggregate<PetitionState, PetitionCommand, PetitionEvent> = {
    decider: petitionDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.receivingCommission),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<PetitionCommand>, context: CommandContext, commissionCode: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, petitionStreamId(command.data.petitionId), command, context, commissionCode);
  }
}
