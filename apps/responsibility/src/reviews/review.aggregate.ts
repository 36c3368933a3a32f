import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { reviewStreamId, type ReviewCommand } from './review.commands';
import { reviewDecider, type ReviewState } from './review.decider';
import type { ReviewEvent } from './review.events';

/** A review's entry to the command path; who may act on it is the decider's rule. */
@Injectable()
export class ReviewAggregate {
  private readonly aggregate: Aggregate<ReviewState, ReviewCommand, ReviewEvent> = {
    decider: reviewDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.unitCode),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<ReviewCommand>, context: CommandContext, unitCode: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, reviewStreamId(command.data.reviewId), command, context, unitCode);
  }
}
