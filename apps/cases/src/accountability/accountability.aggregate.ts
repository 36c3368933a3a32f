import { Injectable } from '@nestjs/common';
import { CommandPath, idFromKey, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { decisionStreamId, type AccountabilityDecisionCommand } from './accountability.commands';
import { accountabilityDecider, type DecisionState } from './accountability.decider';
import type { AccountabilityDecisionEvent, AccountabilityMattersOpened, CaseAccountabilityClosed } from './accountability.events';
import {
  caseAccountabilityDecider,
  caseAccountabilityStreamId,
  reviewMattersDecider,
  reviewStreamId,
  type CaseFileState,
  type CloseCaseAccountability,
  type OpenAccountabilityMatters,
  type ReviewMattersState,
} from './accountability-review.decider';

/** The matter id of a review's n-th failure, the same on every delivery of the review. */
export const matterIdOf = (reviewId: string, index: number): string =>
  idFromKey(`accountability-matter:${reviewId.toLowerCase()}`, String(index));

export const REVIEW_MATTERS_DECIDER = reviewMattersDecider(matterIdOf);

/** The entries of accountability's streams to the command path; who may act is the deciders' rule. */
@Injectable()
export class AccountabilityAggregates {
  private readonly decision: Aggregate<DecisionState, AccountabilityDecisionCommand, AccountabilityDecisionEvent> = {
    decider: accountabilityDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.commission),
  };
  private readonly review: Aggregate<ReviewMattersState, OpenAccountabilityMatters, AccountabilityMattersOpened> = {
    decider: REVIEW_MATTERS_DECIDER,
  };
  private readonly caseFile: Aggregate<CaseFileState, CloseCaseAccountability, CaseAccountabilityClosed> = {
    decider: caseAccountabilityDecider,
  };

  constructor(private readonly path: CommandPath) {}

  sendToDecision(
    command: CommandWithoutMetadata<AccountabilityDecisionCommand>,
    context: CommandContext,
    commission: string,
  ): Promise<CommandResponse> {
    return this.path.execute(this.decision, decisionStreamId(command.data.decisionId), command, context, commission);
  }

  openMatters(data: OpenAccountabilityMatters['data'], context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(
      this.review,
      reviewStreamId(data.reviewId),
      { type: 'OpenAccountabilityMatters', data },
      context,
      data.commission,
    );
  }

  closeCase(data: CloseCaseAccountability['data'], context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(
      this.caseFile,
      caseAccountabilityStreamId(data.caseId),
      { type: 'CloseCaseAccountability', data },
      context,
      data.commission,
    );
  }
}
