import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { personStreamId, type PersonCommand } from './person.commands';
import { personDecider, type PersonState } from './person.decider';
import type { PersonEvent } from './person.events';

/** The Person aggregate on the command path (people are managed by registry administrators: a role, checked at the edge). */
@Injectable()
export class PersonAggregate {
  private readonly aggregate: Aggregate<PersonState, PersonCommand, PersonEvent> = { decider: personDecider };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<PersonCommand>, context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, personStreamId(command.data.staffNumber), command, context);
  }
}
