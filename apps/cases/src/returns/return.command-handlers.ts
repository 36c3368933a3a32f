import { Injectable } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dueDate, WorkingDayCalendar } from '@app/deadlines';
import { chinaDay, DomainError } from '@app/domain';
import {
  BusCommand,
  BusQuery,
  CommandPath,
  type Aggregate,
  type CommandContext,
  type CommandResponse,
  type CommandWithoutMetadata,
} from '@app/kit';
import type { Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { actsForCommission, assertMayRead } from '../accountability/accountability.reads';
import { ACCOUNTABILITY_RULE_NAMES, accountabilityRule } from '../accountability/accountability-rules';
import type { DecisionTaken } from '../accountability/accountability.decider';
import { canonicalEqual } from './canonical-equal';
import { returnStreamId, type ReturnActor, type ReturnCommand } from './return.commands';
import { returnDecider, type ReturnState } from './return.decider';
import type { ReturnEvent } from './return.events';
import { quarterOf, type Quarter, type ReturnFigures } from './return-figures';
import { ReturnReads } from './return.reads';

const SECRETARY_POSTS = ['commission_secretary', 'inspection_group_head'];
const CALENDAR = WorkingDayCalendar.china();

/** A return's entry to the command path, and the registry facts its rules need. */
@Injectable()
export class ReturnAggregate {
  private readonly aggregate: Aggregate<ReturnState, ReturnCommand, ReturnEvent> = { decider: returnDecider };

  constructor(
    private readonly path: CommandPath,
    private readonly view: RegistryView,
  ) {}

  send(command: CommandWithoutMetadata<ReturnCommand>, context: CommandContext): Promise<CommandResponse> {
    const { commission, quarter } = command.data;
    return this.path.execute(this.aggregate, returnStreamId(commission, quarter), command, context, commission);
  }

  async actorOf(principal: Principal, commission: string, day: string): Promise<ReturnActor> {
    const holders = await Promise.all(SECRETARY_POSTS.map((post) => this.view.holdersOn(commission, post, day)));
    return {
      staffNumber: principal.personId,
      isSecretary: holders.flat().some((holder) => holder.staffNumber === principal.personId),
      actsForCommission: actsForCommission(principal, commission),
    };
  }

  /** The commission's submission rule in force on the day (409 REGISTRY.NOT_CAUGHT_UP for a commission the view never saw). */
  async submissionRule(commission: string, day: string) {
    const unit = await this.view.unitOn(commission, day);
    if (!unit)
      throw new DomainError('RETURN.NOT_A_COMMISSION', `${commission} did not exist on ${day}.`, 'invalid', { field: 'commission' });
    return { unit, rule: accountabilityRule(ACCOUNTABILITY_RULE_NAMES.returnSubmission, unit.jurisdictionCode, day) };
  }

  async higherCommissionOf(commission: string, day: string): Promise<string | null> {
    const chain = await this.view.responsibilityChainOn(commission, day);
    return chain?.higher?.commission?.code ?? null;
  }
}

interface ReturnKey {
  readonly commission: string;
  readonly quarter: string;
}
export class SignOffReturnCommand extends BusCommand<ReturnKey> {}
export class SubmitReturnCommand extends BusCommand<ReturnKey> {}
export class MarkReturnOverdueCommand extends BusCommand<ReturnKey> {}

@CommandHandler(SignOffReturnCommand)
export class SignOffReturnHandler implements ICommandHandler<SignOffReturnCommand> {
  constructor(
    private readonly returns: ReturnAggregate,
    private readonly reads: ReturnReads,
  ) {}

  async execute({ data, context }: SignOffReturnCommand) {
    const quarter = quarterOf(data.quarter);
    await this.returns.submissionRule(data.commission, chinaDay(context.now));
    const actor = await this.returns.actorOf(context.principal, data.commission, chinaDay(context.now));
    const { figures } = await this.reads.compile(data.commission, quarter);
    return this.returns.send({ type: 'SignOffReturn', data: { ...data, figures, actor } }, context);
  }
}

@CommandHandler(SubmitReturnCommand)
export class SubmitReturnHandler implements ICommandHandler<SubmitReturnCommand> {
  constructor(private readonly returns: ReturnAggregate) {}

  async execute({ data, context }: SubmitReturnCommand) {
    quarterOf(data.quarter);
    const today = chinaDay(context.now);
    const { rule } = await this.returns.submissionRule(data.commission, today);
    const [actor, higherCommission] = await Promise.all([
      this.returns.actorOf(context.principal, data.commission, today),
      this.returns.higherCommissionOf(data.commission, today),
    ]);
    return this.returns.send({ type: 'SubmitReturn', data: { ...data, higherCommission, submissionRule: rule, actor } }, context);
  }
}

/** The scheduler's; never on a route. */
@CommandHandler(MarkReturnOverdueCommand)
export class MarkReturnOverdueHandler implements ICommandHandler<MarkReturnOverdueCommand> {
  constructor(private readonly returns: ReturnAggregate) {}

  async execute({ data, context }: MarkReturnOverdueCommand) {
    const quarter = quarterOf(data.quarter);
    const { rule } = await this.returns.submissionRule(data.commission, quarter.to);
    return this.returns.send({ type: 'MarkReturnOverdue', data: { ...data, submissionRule: rule } }, context);
  }
}

export interface ReturnView {
  readonly commission: string;
  readonly commissionName: string;
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  readonly dueOn: string;
  /** Compiled now from the events' read models. */
  readonly figures: ReturnFigures;
  readonly status: 'pending' | 'signed_off' | 'submitted';
  readonly signedBy?: string;
  readonly signedOn?: string;
  /** Whether the figures are still those signed off. */
  readonly signedFiguresCurrent?: boolean;
  readonly submittedTo?: string;
  readonly submittedOn?: string;
  readonly late?: boolean;
  readonly overdue: boolean;
  readonly version: number;
  readonly decisions: readonly DecisionTaken[];
  readonly asOf: string;
  readonly period: Quarter;
}

export class GetReturn extends BusQuery<ReturnKey, ReturnView> {}

/** The quarterly return of a commission, for auditors and officers acting for it. */
@QueryHandler(GetReturn)
export class GetReturnHandler implements IQueryHandler<GetReturn> {
  constructor(
    private readonly reads: ReturnReads,
    private readonly returns: ReturnAggregate,
  ) {}

  async execute({ params, principal }: GetReturn): Promise<ReturnView> {
    const quarter = quarterOf(params.quarter);
    assertMayRead(principal, params.commission);
    const asOf = chinaDay(new Date());
    const { unit, rule } = await this.returns.submissionRule(params.commission, quarter.to < asOf ? quarter.to : asOf);
    const [{ figures, decisions }, { state, version }] = await Promise.all([
      this.reads.compile(params.commission, quarter),
      this.reads.state(params.commission, params.quarter),
    ]);
    const signed =
      state.status === 'pending'
        ? {}
        : {
            signedBy: state.signedBy,
            signedOn: state.signedOn,
            signedFiguresCurrent: canonicalEqual(state.figures, figures),
            ...(state.submittedTo ? { submittedTo: state.submittedTo, submittedOn: state.submittedOn, late: state.late } : {}),
          };
    return {
      commission: params.commission,
      commissionName: unit.name,
      quarter: params.quarter,
      from: quarter.from,
      to: quarter.to,
      dueOn: dueDate(rule, quarter.to, CALENDAR),
      figures,
      status: state.status,
      ...signed,
      overdue: state.overdue,
      version,
      decisions,
      asOf,
      period: quarter,
    };
  }
}
