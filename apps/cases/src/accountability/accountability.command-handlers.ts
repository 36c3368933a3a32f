import { randomUUID } from 'node:crypto';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ResponsibilityReviewConcludedV1 } from '@app/contracts';
import { DomainError } from '@app/domain';
import { BusCommand, BusQuery, idFromKey, type CommandResponse } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import type { AccountabilityActor } from './accountability.commands';
import type { DecisionTaken } from './accountability.decider';
import { AccountabilityAggregates } from './accountability.aggregate';
import { ACCOUNTABILITY_RULE_NAMES, accountabilityRule } from './accountability-rules';
import { AccountabilityReads, actsForCommission, assertMayRead, type DecisionView, type MatterView } from './accountability.reads';

/** The accountability use cases on the bus; the registry facts and read-model facts the deciders need are gathered here. */

export interface DecideInput {
  readonly commission: string;
  readonly caseId?: string;
  readonly matterId?: string;
  readonly target: { readonly kind: string; readonly unitCode: string; readonly staffNumber?: string };
  readonly measures: readonly string[];
  readonly adjustment?: string;
  readonly typical?: boolean;
  readonly decidedOn: string;
}
export class DecideAccountabilityCommand extends BusCommand<DecideInput, CommandResponse & { decisionId: string }> {}

export interface SanctionInput {
  readonly decisionId: string;
  readonly kind: string;
  readonly type: string;
  readonly effectiveOn: string;
  readonly probationYears?: number;
  readonly transferredForProsecution?: boolean;
}
export class ImposeSanctionCommand extends BusCommand<SanctionInput> {}
export class CompleteFormalitiesCommand extends BusCommand<{ readonly decisionId: string; readonly completedOn: string }> {}
export class LodgeAppealCommand extends BusCommand<{ readonly decisionId: string; readonly lodgedOn: string }> {}
export class MarkFormalitiesOverdueCommand extends BusCommand<{ readonly decisionId: string }> {}
export class CloseCaseAccountabilityCommand extends BusCommand<{ readonly caseId: string; readonly commission: string }> {}
export class OpenMattersFromReviewCommand extends BusCommand<ResponsibilityReviewConcludedV1['data']> {}

function actorOf(
  principal: { personId: string; roles: readonly string[]; units: readonly string[] },
  commission: string,
): AccountabilityActor {
  return { staffNumber: principal.personId, actsForCommission: actsForCommission(principal as never, commission) };
}

@CommandHandler(DecideAccountabilityCommand)
export class DecideAccountabilityHandler implements ICommandHandler<DecideAccountabilityCommand> {
  constructor(
    private readonly aggregates: AccountabilityAggregates,
    private readonly reads: AccountabilityReads,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: DecideAccountabilityCommand) {
    const actor = actorOf(context.principal, data.commission);
    if (!actor.actsForCommission) {
      throw new DomainError('ACCOUNTABILITY.NOT_COMMISSION_OFFICER', `You do not act for ${data.commission}.`, 'forbidden');
    }
    if ((data.caseId === undefined) === (data.matterId === undefined)) {
      throw new DomainError(
        'ACCOUNTABILITY.BASIS_REQUIRED',
        'A decision is taken on a case (caseId) or on a matter (matterId), one of them.',
        'invalid',
        {
          field: 'caseId',
        },
      );
    }
    const commission = await this.view.unitOn(data.commission, data.decidedOn);
    if (!commission)
      throw new DomainError('ACCOUNTABILITY.NOT_A_COMMISSION', `${data.commission} did not exist on ${data.decidedOn}.`, 'invalid', {
        field: 'commission',
      });
    if (!(await this.view.unitOn(data.target.unitCode, data.decidedOn))) {
      throw new DomainError(
        'ACCOUNTABILITY.UNIT_NOT_ON_DAY',
        `unit ${data.target.unitCode} did not exist on ${data.decidedOn}`,
        'invalid',
        {
          field: 'target.unitCode',
        },
      );
    }
    if (data.target.staffNumber !== undefined) await this.view.personOn(data.target.staffNumber, data.decidedOn);
    const basis = await this.reads.basis(data);
    const decisionId = context.idempotencyKey
      ? idFromKey(`accountability-decision:${data.commission}`, context.idempotencyKey)
      : randomUUID();
    const result = await this.aggregates.sendToDecision(
      {
        type: 'DecideAccountability',
        data: {
          decisionId,
          commission: data.commission,
          basis,
          target: data.target,
          measures: data.measures,
          ...(data.adjustment !== undefined ? { adjustment: data.adjustment } : {}),
          typical: data.typical === true,
          decidedOn: data.decidedOn,
          formalitiesRule: accountabilityRule(ACCOUNTABILITY_RULE_NAMES.formalities, commission.jurisdictionCode, data.decidedOn),
          appealRule: accountabilityRule(ACCOUNTABILITY_RULE_NAMES.appealWindow, commission.jurisdictionCode, data.decidedOn),
          actor,
        },
      },
      context,
      data.commission,
    );
    return { ...result, decisionId };
  }
}

@CommandHandler(ImposeSanctionCommand)
export class ImposeSanctionHandler implements ICommandHandler<ImposeSanctionCommand> {
  constructor(
    private readonly aggregates: AccountabilityAggregates,
    private readonly reads: AccountabilityReads,
  ) {}

  async execute({ data, context }: ImposeSanctionCommand) {
    const decision = await this.reads.requireDecision(data.decisionId);
    const actor = actorOf(context.principal, decision.commission);
    return this.aggregates.sendToDecision({ type: 'ImposeSanction', data: { ...data, actor } }, context, decision.commission);
  }
}

@CommandHandler(CompleteFormalitiesCommand)
export class CompleteFormalitiesHandler implements ICommandHandler<CompleteFormalitiesCommand> {
  constructor(
    private readonly aggregates: AccountabilityAggregates,
    private readonly reads: AccountabilityReads,
  ) {}

  async execute({ data, context }: CompleteFormalitiesCommand) {
    const decision = await this.reads.requireDecision(data.decisionId);
    const actor = actorOf(context.principal, decision.commission);
    return this.aggregates.sendToDecision({ type: 'CompleteFormalities', data: { ...data, actor } }, context, decision.commission);
  }
}

@CommandHandler(LodgeAppealCommand)
export class LodgeAppealHandler implements ICommandHandler<LodgeAppealCommand> {
  constructor(
    private readonly aggregates: AccountabilityAggregates,
    private readonly reads: AccountabilityReads,
  ) {}

  async execute({ data, context }: LodgeAppealCommand) {
    const decision = await this.reads.requireDecision(data.decisionId);
    const actor = actorOf(context.principal, decision.commission);
    return this.aggregates.sendToDecision({ type: 'LodgeAppeal', data: { ...data, actor } }, context, decision.commission);
  }
}

/** The scheduler's; never on a route. */
@CommandHandler(MarkFormalitiesOverdueCommand)
export class MarkFormalitiesOverdueHandler implements ICommandHandler<MarkFormalitiesOverdueCommand> {
  constructor(
    private readonly aggregates: AccountabilityAggregates,
    private readonly reads: AccountabilityReads,
  ) {}

  async execute({ data, context }: MarkFormalitiesOverdueCommand) {
    const decision = await this.reads.requireDecision(data.decisionId);
    return this.aggregates.sendToDecision({ type: 'MarkFormalitiesOverdue', data }, context, decision.commission);
  }
}

@CommandHandler(CloseCaseAccountabilityCommand)
export class CloseCaseAccountabilityHandler implements ICommandHandler<CloseCaseAccountabilityCommand> {
  constructor(
    private readonly aggregates: AccountabilityAggregates,
    private readonly reads: AccountabilityReads,
  ) {}

  async execute({ data, context }: CloseCaseAccountabilityCommand) {
    const file = await this.reads.caseFile(data.caseId);
    return this.aggregates.closeCase(
      {
        caseId: data.caseId.toLowerCase(),
        commission: data.commission,
        caseStatus: file?.status ?? 'absent',
        caseCommission: file?.commission ?? null,
        actor: actorOf(context.principal, data.commission),
      },
      context,
    );
  }
}

/**
 * A concluded one-case-two-investigations review from responsibility tracking: one matter per
 * failure, for the commission handling the case. The case must be known here (409 until the
 * inquiries' events are in; the inbox retries).
 */
@CommandHandler(OpenMattersFromReviewCommand)
export class OpenMattersFromReviewHandler implements ICommandHandler<OpenMattersFromReviewCommand> {
  constructor(
    private readonly aggregates: AccountabilityAggregates,
    private readonly reads: AccountabilityReads,
  ) {}

  async execute({ data, context }: OpenMattersFromReviewCommand) {
    const file = await this.reads.caseFile(data.caseId);
    if (!file) throw new DomainError('ACCOUNTABILITY.CASE_NOT_CAUGHT_UP', `Case ${data.caseId} is not known here yet.`, 'conflict');
    return this.aggregates.openMatters(
      {
        reviewId: data.reviewId,
        caseId: data.caseId,
        commission: file.commission,
        periodFrom: data.periodFrom,
        periodTo: data.periodTo,
        reviewConcludedOn: data.concludedOn,
        escalatedToUnitCode: data.escalatedToUnitCode,
        matters: data.failures.map((failure) => ({
          responsibility: failure.responsibility,
          subject: failure.subject,
          unitCode: failure.unitCode,
          staffNumber: failure.staffNumber,
        })),
      },
      context,
    );
  }
}

export class GetDecision extends BusQuery<{ readonly decisionId: string }, DecisionView> {}

@QueryHandler(GetDecision)
export class GetDecisionHandler implements IQueryHandler<GetDecision> {
  constructor(private readonly reads: AccountabilityReads) {}

  async execute({ params, principal }: GetDecision): Promise<DecisionView> {
    const decision = await this.reads.requireDecision(params.decisionId);
    assertMayRead(principal, decision.commission);
    return decision;
  }
}

export class ListDecisions extends BusQuery<
  { readonly commission: string; readonly caseId?: string; readonly decidedFrom?: string; readonly decidedTo?: string },
  { items: DecisionTaken[] }
> {}

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions> {
  constructor(private readonly reads: AccountabilityReads) {}

  async execute({ params, principal }: ListDecisions) {
    assertMayRead(principal, params.commission);
    return { items: await this.reads.decisions(params) };
  }
}

export class ListMatters extends BusQuery<{ readonly commission: string; readonly open?: boolean }, { items: MatterView[] }> {}

@QueryHandler(ListMatters)
export class ListMattersHandler implements IQueryHandler<ListMatters> {
  constructor(private readonly reads: AccountabilityReads) {}

  async execute({ params, principal }: ListMatters) {
    assertMayRead(principal, params.commission);
    return { items: await this.reads.matters(params.commission, params.open) };
  }
}

export class GetMatter extends BusQuery<{ readonly matterId: string }, MatterView> {}

@QueryHandler(GetMatter)
export class GetMatterHandler implements IQueryHandler<GetMatter> {
  constructor(private readonly reads: AccountabilityReads) {}

  async execute({ params, principal }: GetMatter) {
    const matter = await this.reads.matter(params.matterId);
    if (!matter) throw new DomainError('ACCOUNTABILITY.MATTER_NOT_FOUND', `No accountability matter ${params.matterId}.`, 'not_found');
    assertMayRead(principal, matter.commission);
    return matter;
  }
}

/** Sanctions of a commission's decisions, one line each, with the impact period. */
export class ListSanctions extends BusQuery<{ readonly commission: string }, { items: SanctionLine[] }> {}

export interface SanctionLine {
  readonly decisionId: string;
  readonly staffNumber: string;
  readonly unitCode: string;
  readonly kind: string;
  readonly type: string;
  readonly effectiveOn: string;
  readonly impactEndsOn: string | null;
  readonly impactMonths: number | null;
  readonly form: number;
}

@QueryHandler(ListSanctions)
export class ListSanctionsHandler implements IQueryHandler<ListSanctions> {
  constructor(private readonly reads: AccountabilityReads) {}

  async execute({ params, principal }: ListSanctions) {
    assertMayRead(principal, params.commission);
    const decisions = await this.reads.decisions({ commission: params.commission });
    const items = decisions.flatMap((decision) =>
      decision.target.kind === 'cadre'
        ? decision.sanctions.map((sanction): SanctionLine => ({
            decisionId: decision.decisionId,
            staffNumber: (decision.target as { staffNumber: string }).staffNumber,
            unitCode: decision.target.unitCode,
            kind: sanction.kind,
            type: sanction.type,
            effectiveOn: sanction.effectiveOn,
            impactEndsOn: sanction.impactEndsOn,
            impactMonths: sanction.impactMonths,
            form: sanction.form,
          }))
        : [],
    );
    return { items };
  }
}
