import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { addCalendarDays } from '@app/deadlines';
import { chinaDay, DomainError, requireDay } from '@app/domain';
import { BusCommand, forwardingHandler, idFromKey, type CommandResponse } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import type { FulfilObligation, MarkOverdue, WarnDueSoon } from './obligation.commands';
import { ObligationAggregate } from './obligation.aggregate';
import { DeadlineRuleBooks } from '../deadline-rules/deadline-rule-books';
import { jurisdictionChain } from '../deadline-rules/jurisdiction-chain';
import { DUE_SOON_WITHIN_DAYS, obligationDays } from './obligation-days';

export interface OpenObligationData {
  readonly unitCode: string;
  readonly subject: string;
  readonly ruleName: string;
  /** The day the rule counts from (the event that creates the obligation, or the period's first day). */
  readonly fromDay: string;
}

/** Open an obligation: its due day comes from the named rule in force for the unit's jurisdiction on `fromDay`. */
export class OpenObligationCommand extends BusCommand<OpenObligationData> {}

export interface OpenDatedObligationData {
  readonly unitCode: string;
  readonly subject: string;
  /** Names the kind of term (e.g. `letter.item`); the due day is not computed from it. */
  readonly ruleName: string;
  /** Set by the instrument that creates the obligation, e.g. a signed letter's item deadline. */
  readonly dueOn: string;
}

/** Open an obligation whose due day was agreed (a letter's item), not computed from a rule. */
export class OpenDatedObligationCommand extends BusCommand<OpenDatedObligationData> {}
export class WarnDueSoonCommand extends BusCommand<WarnDueSoon['data']> {}
export class MarkOverdueCommand extends BusCommand<MarkOverdue['data']> {}
export class FulfilObligationCommand extends BusCommand<FulfilObligation['data']> {}

/** The obligation id of a rule on a subject: opening the same one twice lands on one stream. */
export const obligationIdOf = (ruleName: string, subject: string): string => idFromKey('obligation', `${ruleName}\u0000${subject}`);

@CommandHandler(OpenObligationCommand)
export class OpenObligationHandler implements ICommandHandler<OpenObligationCommand> {
  constructor(
    private readonly obligations: ObligationAggregate,
    private readonly view: RegistryView,
    private readonly books: DeadlineRuleBooks,
  ) {}

  async execute({ data, context }: OpenObligationCommand): Promise<CommandResponse> {
    requireDay(data.fromDay, 'fromDay');
    const unit = await this.view.unitOn(data.unitCode, data.fromDay);
    if (!unit) {
      throw new DomainError('OBLIGATION.UNIT_NOT_FOUND', `unit ${data.unitCode} did not exist on ${data.fromDay}`, 'not_found', {
        unit: data.unitCode,
      });
    }
    const chain = jurisdictionChain(unit.jurisdictionCode);
    const { dueOn, warnFrom } = obligationDays(await this.books.bookFor(chain), data.ruleName, chain, data.fromDay);
    const { unitCode, subject, ruleName } = data;
    return this.obligations.send(
      {
        type: 'OpenObligation',
        data: { obligationId: obligationIdOf(ruleName, subject), subject, unitCode, ruleName, dueOn, warnFrom },
      },
      context,
    );
  }
}

@CommandHandler(OpenDatedObligationCommand)
export class OpenDatedObligationHandler implements ICommandHandler<OpenDatedObligationCommand> {
  constructor(
    private readonly obligations: ObligationAggregate,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: OpenDatedObligationCommand): Promise<CommandResponse> {
    requireDay(data.dueOn, 'dueOn');
    const today = chinaDay(context.now);
    if (!(await this.view.unitOn(data.unitCode, today))) {
      throw new DomainError('OBLIGATION.UNIT_NOT_FOUND', `unit ${data.unitCode} does not exist on ${today}`, 'not_found', {
        unit: data.unitCode,
      });
    }
    const { unitCode, subject, ruleName, dueOn } = data;
    const warnFrom = addCalendarDays(dueOn, -DUE_SOON_WITHIN_DAYS);
    return this.obligations.send(
      { type: 'OpenObligation', data: { obligationId: obligationIdOf(ruleName, subject), subject, unitCode, ruleName, dueOn, warnFrom } },
      context,
    );
  }
}

export const WarnDueSoonHandler = forwardingHandler(WarnDueSoonCommand, ObligationAggregate, 'WarnDueSoon');
export const MarkOverdueHandler = forwardingHandler(MarkOverdueCommand, ObligationAggregate, 'MarkOverdue');
export const FulfilObligationHandler = forwardingHandler(FulfilObligationCommand, ObligationAggregate, 'FulfilObligation');
