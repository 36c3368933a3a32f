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
import { SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import { actsForCommission, assertMayRead } from '../accountability/accountability.reads';
import { ACCOUNTABILITY_RULE_NAMES, accountabilityRule } from '../accountability/accountability-rules';
import type { DecisionTaken } from '../accountability/accountability.decider';
import { canonicalEqual } from './canonical-equal';
import { returnStreamId, type ReturnActor, type ReturnCommand, type SignOffFacts, type SignOffInput } from './return.commands';
import { signOffFacts } from './sign-off-facts';
import { returnDecider, type ReturnState } from './return.decider';
import { RETURN_SIGN_OFF_ROLE, returnContentHash, type ReturnEvent } from './return.events';
import { quarterOf, type Quarter, type ReturnFigures } from './return-figures';
import { ReturnReads } from './return.reads';

const SECRETARY_POSTS = ['commission_secretary', 'inspection_group_head'];

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
    const secretaries = await this.secretariesOn(commission, day);
    return {
      staffNumber: principal.personId,
      isSecretary: secretaries.includes(principal.personId),
      actsForCommission: actsForCommission(principal, commission),
    };
  }

  /** Who held the commission's secretary posts on the day (the commission secretary first). */
  async secretariesOn(commission: string, day: string): Promise<string[]> {
    const holders = await Promise.all(SECRETARY_POSTS.map((post) => this.view.holdersOn(commission, post, day)));
    return [...new Set(holders.flat().map((holder) => holder.staffNumber))];
  }

  /** The facts a sign-off's signature is judged on: the named key as the registry has it, and the verdict over the statement. */
  signOffFacts(commission: string, quarter: string, input: SignOffInput): Promise<SignOffFacts> {
    return signOffFacts(this.view, returnStreamId(commission, quarter), RETURN_SIGN_OFF_ROLE, input);
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
export class SignOffReturnCommand extends BusCommand<ReturnKey & SignOffInput> {}
export class SubmitReturnCommand extends BusCommand<ReturnKey> {}
export class MarkReturnOverdueCommand extends BusCommand<ReturnKey> {}

@CommandHandler(SignOffReturnCommand)
export class SignOffReturnHandler implements ICommandHandler<SignOffReturnCommand> {
  constructor(
    private readonly returns: ReturnAggregate,
    private readonly reads: ReturnReads,
  ) {}

  /**
   * The signature is verified here against the key the fingerprint names in the registry, over the
   * statement with the content hash the signer sent; the decider judges that hash against the figures
   * compiled now, the key's validity today and the signer: nothing is written unless all hold.
   */
  async execute({ data, context }: SignOffReturnCommand) {
    const quarter = quarterOf(data.quarter);
    const today = chinaDay(context.now);
    await this.returns.submissionRule(data.commission, today);
    const [actor, { figures }, facts] = await Promise.all([
      this.returns.actorOf(context.principal, data.commission, today),
      this.reads.compile(data.commission, quarter),
      this.returns.signOffFacts(data.commission, data.quarter, data),
    ]);
    return this.returns.send({ type: 'SignOffReturn', data: { ...data, figures, facts, actor } }, context);
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

/** What the secretary signs to sign the return off now (the `signoff/v1` statement's fixed lines). */
export interface ReturnToSign {
  readonly documentId: string;
  /** The sign-off's number these figures are signed as. */
  readonly version: number;
  /** content-sm3=: SM3 of the RFC 8785 canonical JSON of the figures as compiled now. */
  readonly contentHash: string;
  readonly role: string;
  readonly statementFormat: string;
  /** Who must sign today: the commission's secretary (the caller when they hold the post); null when none. */
  readonly signerStaffNumber: string | null;
  /** The figures the hash is of: those that will be recorded. */
  readonly figures: ReturnFigures;
}

export class GetReturnSignOffHash extends BusQuery<ReturnKey, ReturnToSign> {}

/** For the secretary of the day, auditors and officers acting for the commission. */
@QueryHandler(GetReturnSignOffHash)
export class GetReturnSignOffHashHandler implements IQueryHandler<GetReturnSignOffHash> {
  constructor(
    private readonly reads: ReturnReads,
    private readonly returns: ReturnAggregate,
  ) {}

  async execute({ params, principal }: GetReturnSignOffHash): Promise<ReturnToSign> {
    const quarter = quarterOf(params.quarter);
    const today = chinaDay(new Date());
    await this.returns.submissionRule(params.commission, today);
    const secretaries = await this.returns.secretariesOn(params.commission, today);
    if (!secretaries.includes(principal.personId)) assertMayRead(principal, params.commission);
    const [{ figures }, { state }] = await Promise.all([
      this.reads.compile(params.commission, quarter),
      this.reads.state(params.commission, params.quarter),
    ]);
    const contentHash = returnContentHash(figures);
    const recorded = state.status === 'pending' ? 0 : state.signOffVersion;
    const again = state.status !== 'pending' && state.contentHash === contentHash;
    return {
      documentId: returnStreamId(params.commission, params.quarter),
      version: again ? recorded : recorded + 1,
      contentHash,
      role: RETURN_SIGN_OFF_ROLE,
      statementFormat: SIGN_OFF_STATEMENT_FORMAT,
      signerStaffNumber: secretaries.includes(principal.personId) ? principal.personId : (secretaries[0] ?? null),
      figures,
    };
  }
}

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
      dueOn: dueDate(rule, quarter.to, WorkingDayCalendar.china()),
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
