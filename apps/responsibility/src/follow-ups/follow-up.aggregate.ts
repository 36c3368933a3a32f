import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { followUpStreamId, type FollowUpCommand } from './follow-up.commands';
import { followUpDecider, type FollowUpState } from './follow-up.decider';
import type { FollowUpEvent } from './follow-up.events';

/** A follow-up notice's entry to the command path; who may act on it is the decider's rule. */
@Injectable()
export class FollowUpAggregate {
  private readonly aggregate: Aggregate<FollowUpState, FollowUpCommand, FollowUpEvent> = {
    decider: followUpDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.unitCode),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<FollowUpCommand>, context: CommandContext, unitCode: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, followUpStreamId(command.data.noticeId), command, context, unitCode);
  }
}
