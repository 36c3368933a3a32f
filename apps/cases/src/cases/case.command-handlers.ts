import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusCommand, idFromKey } from '@app/kit';
import { CaseAggregate, PreliminaryCheckAggregate } from './case.aggregate';
import type { OpenCase } from './case.commands';
import type { CaseFinding } from './case.events';
import { CaseReads } from './case.reads';
import { HandlingFacts } from './handling-facts';
import type { OpenPreliminaryCheck } from './preliminary-check.commands';

/** The preliminary check and case use cases on the bus. Opening is the clue-disposal process's, never a route's. */

export class OpenPreliminaryCheckCommand extends BusCommand<OpenPreliminaryCheck['data']> {}
export class ConcludePreliminaryCheckCommand extends BusCommand<{
  readonly checkId: string;
  readonly decision: string;
  readonly reason: string;
}> {}
export class OpenCaseCommand extends BusCommand<OpenCase['data']> {}
export class ConcludeCaseCommand extends BusCommand<{ readonly caseId: string; readonly findings: readonly CaseFinding[] }> {}

/** The case a check opens has an id derived from the check's: a repeated conclusion or opening is the same case. */
export const caseIdOf = (checkId: string): string => idFromKey('case', checkId.toLowerCase());

@CommandHandler(OpenPreliminaryCheckCommand)
export class OpenPreliminaryCheckHandler implements ICommandHandler<OpenPreliminaryCheckCommand> {
  constructor(private readonly checks: PreliminaryCheckAggregate) {}

  execute({ data, context }: OpenPreliminaryCheckCommand) {
    return this.checks.send({ type: 'OpenPreliminaryCheck', data }, context, data.commission);
  }
}

@CommandHandler(ConcludePreliminaryCheckCommand)
export class ConcludePreliminaryCheckHandler implements ICommandHandler<ConcludePreliminaryCheckCommand> {
  constructor(
    private readonly checks: PreliminaryCheckAggregate,
    private readonly reads: CaseReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ data, context }: ConcludePreliminaryCheckCommand) {
    const check = await this.reads.requireCheck(data.checkId);
    const actor = await this.facts.actorOf(context.principal, check.commission, chinaDay(context.now));
    return this.checks.send(
      { type: 'ConcludePreliminaryCheck', data: { ...data, checkId: check.checkId, caseId: caseIdOf(check.checkId), actor } },
      context,
      check.commission,
    );
  }
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand> {
  constructor(private readonly cases: CaseAggregate) {}

  execute({ data, context }: OpenCaseCommand) {
    return this.cases.send({ type: 'OpenCase', data }, context, data.commission);
  }
}

/** The findings' units must have existed at the end of the period found, and their people be known to the registry. */
@CommandHandler(ConcludeCaseCommand)
export class ConcludeCaseHandler implements ICommandHandler<ConcludeCaseCommand> {
  constructor(
    private readonly cases: CaseAggregate,
    private readonly reads: CaseReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ data, context }: ConcludeCaseCommand) {
    const found = await this.reads.requireCase(data.caseId);
    const actor = await this.facts.actorOf(context.principal, found.commission, chinaDay(context.now));
    if (actor.roles.length > 0 && found.status === 'open') {
      for (const [index, finding] of data.findings.entries()) {
        await this.facts.requireUnitsOn([{ code: finding.unitCode, field: `findings[${index}].unitCode` }], finding.periodTo);
        await this.facts.requirePersons(finding.staffNumbers, finding.periodTo);
      }
    }
    return this.cases.send({ type: 'ConcludeCase', data: { ...data, caseId: found.caseId, actor } }, context, found.commission);
  }
}
