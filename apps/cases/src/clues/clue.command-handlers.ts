import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RULE_NAMES } from '@app/deadlines';
import { chinaDay } from '@app/domain';
import { BusCommand, idFromKey, type CommandResponse } from '@app/kit';
import { PetitionReads } from '../petitions/petition.reads';
import type { ClueSubject } from './clue.events';
import { ClueAggregate } from './clue.aggregate';
import { ClueFacts } from './clue-facts';
import { ClueReads } from './clue.reads';

/** The clue use cases on the bus: each resolves the actor and the registry facts for its day, then sends. */

export interface RegisterClueInput {
  readonly commission: string;
  readonly source: string;
  readonly petitionId?: string;
  readonly reference?: string;
  readonly subjects: readonly ClueSubject[];
  readonly registeredOn: string;
}
export class RegisterClueCommand extends BusCommand<RegisterClueInput, CommandResponse & { clueId: string }> {}
export class ReviewClueCommand extends BusCommand<{
  readonly clueId: string;
  readonly reviewedOn: string;
  readonly participants: readonly string[];
}> {}
export class ProposeClueDisposalCommand extends BusCommand<{ readonly clueId: string; readonly method: string }> {}
export class ApproveClueDisposalCommand extends BusCommand<{ readonly clueId: string }> {}
export class MarkClueOverdueCommand extends BusCommand<{ readonly clueId: string }> {}

@CommandHandler(RegisterClueCommand)
export class RegisterClueHandler implements ICommandHandler<RegisterClueCommand> {
  constructor(
    private readonly clues: ClueAggregate,
    private readonly facts: ClueFacts,
    private readonly petitions: PetitionReads,
  ) {}

  async execute({ data, context }: RegisterClueCommand) {
    const { commission: commissionCode, registeredOn } = data;
    const commission = await this.facts.commissionOn(commissionCode, registeredOn);
    await this.facts.requireSubjects(data.subjects, registeredOn);
    const actor = await this.facts.actorOf(context.principal, commissionCode, chinaDay(context.now));
    const found = data.source === 'petition' && data.petitionId ? await this.petitions.find(data.petitionId) : undefined;
    const petition = found ? { commission: found.receivingCommission, status: found.status } : null;
    const clueId = context.idempotencyKey ? idFromKey(`clue:${commissionCode}`, context.idempotencyKey) : randomUUID();
    const command = {
      clueId,
      commission: commissionCode,
      source: data.source,
      ...(data.petitionId !== undefined ? { petitionId: data.petitionId, petition } : {}),
      ...(data.reference !== undefined ? { reference: data.reference } : {}),
      subjects: data.subjects,
      registeredOn,
      disposalRule: this.facts.ruleFor(RULE_NAMES.clueDisposal, commission.jurisdictionCode, registeredOn),
      actor,
    };
    const result = await this.clues.send({ type: 'RegisterClue', data: command }, context, commissionCode);
    return { ...result, clueId };
  }
}

@CommandHandler(ReviewClueCommand)
export class ReviewClueHandler implements ICommandHandler<ReviewClueCommand> {
  constructor(
    private readonly clues: ClueAggregate,
    private readonly facts: ClueFacts,
    private readonly reads: ClueReads,
  ) {}

  async execute({ data, context }: ReviewClueCommand) {
    const clue = await this.reads.require(data.clueId);
    const actor = await this.facts.actorOf(context.principal, clue.commission, chinaDay(context.now));
    return this.clues.send({ type: 'ReviewClue', data: { ...data, actor } }, context, clue.commission);
  }
}

/** The subjects' posts on the day of the proposal decide who must approve it. */
@CommandHandler(ProposeClueDisposalCommand)
export class ProposeClueDisposalHandler implements ICommandHandler<ProposeClueDisposalCommand> {
  constructor(
    private readonly clues: ClueAggregate,
    private readonly facts: ClueFacts,
    private readonly reads: ClueReads,
  ) {}

  async execute({ data, context }: ProposeClueDisposalCommand) {
    const today = chinaDay(context.now);
    const clue = await this.reads.require(data.clueId);
    const actor = await this.facts.actorOf(context.principal, clue.commission, today);
    const approval = await this.facts.approvalFor(clue.subjects, today);
    return this.clues.send({ type: 'ProposeClueDisposal', data: { ...data, approval, actor } }, context, clue.commission);
  }
}

/** The approver's posts in the handling commission on the day of the approval. */
@CommandHandler(ApproveClueDisposalCommand)
export class ApproveClueDisposalHandler implements ICommandHandler<ApproveClueDisposalCommand> {
  constructor(
    private readonly clues: ClueAggregate,
    private readonly facts: ClueFacts,
    private readonly reads: ClueReads,
  ) {}

  async execute({ data, context }: ApproveClueDisposalCommand) {
    const clue = await this.reads.require(data.clueId);
    const actor = await this.facts.actorOf(context.principal, clue.commission, chinaDay(context.now));
    return this.clues.send({ type: 'ApproveClueDisposal', data: { ...data, actor } }, context, clue.commission);
  }
}

/** The deadline job's command; never on a route. */
@CommandHandler(MarkClueOverdueCommand)
export class MarkClueOverdueHandler implements ICommandHandler<MarkClueOverdueCommand> {
  constructor(
    private readonly clues: ClueAggregate,
    private readonly reads: ClueReads,
  ) {}

  async execute({ data, context }: MarkClueOverdueCommand) {
    const clue = await this.reads.require(data.clueId);
    return this.clues.send({ type: 'MarkClueOverdue', data }, context, clue.commission);
  }
}
