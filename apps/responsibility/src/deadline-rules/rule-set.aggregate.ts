import { Injectable } from '@nestjs/common';
import { ruleSetDecider, type Jurisdiction, type RuleSetCommand, type RuleSetEvent, type RuleSetState } from '@app/deadlines';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { ruleSetStreamId } from './jurisdiction-chain';

/** The entry to rule-set streams (one per jurisdiction). */
@Injectable()
export class RuleSetAggregate {
  private readonly aggregate: Aggregate<RuleSetState, RuleSetCommand, RuleSetEvent> = { decider: ruleSetDecider };

  constructor(private readonly path: CommandPath) {}

  send(jurisdiction: Jurisdiction, command: CommandWithoutMetadata<RuleSetCommand>, context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, ruleSetStreamId(jurisdiction), command, context);
  }
}
