import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chinaDay, DomainError } from '@app/domain';
import { BusCommand, commandContext, type CommandContext, type CommandResponse } from '@app/kit';
import { RULE_NAMES } from '@app/deadlines';
import { hasRole, type Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { FulfilObligationCommand, obligationIdOf, OpenObligationCommand } from '../obligations/obligation.command-handlers';
import { dualReportSubject, isDualReportKind, type DualReportKind } from './dual-report-kinds';
import { DualReportAggregate } from './dual-report.aggregate';
import { DualReportFacts } from './dual-report-facts';

export interface SubmitDualReportData {
  readonly unitCode: string;
  readonly year: number;
  readonly kind: string;
  readonly documentId: string;
  readonly documentVersion: number;
}

export interface AcknowledgeDualReportData {
  readonly unitCode: string;
  readonly year: number;
  readonly kind: string;
  readonly submissionNo: number;
  readonly recipientUnitCode: string;
  readonly note?: string;
}

export class SubmitDualReportCommand extends BusCommand<SubmitDualReportData> {}
/** A replacement of the submitted report, with the reason; recipients acknowledge it afresh. */
export class ResubmitDualReportCommand extends BusCommand<SubmitDualReportData & { readonly reason: string }> {}
export class AcknowledgeDualReportCommand extends BusCommand<AcknowledgeDualReportData> {}
/** Open the year's dual report obligations of a Party committee and of the commission paired with it. */
export class OpenDualReportObligationsCommand extends BusCommand<
  { readonly unitCode: string; readonly year: number },
  { readonly obligations: readonly CommandResponse[] }
> {}

const PROCESS: Principal = { personId: 'service:dual-reports', roles: [], units: [] };

function requireKind(kind: string): DualReportKind {
  if (!isDualReportKind(kind))
    throw new DomainError('DUAL_REPORT.INVALID_KIND', `${kind} is not a kind of dual report (main, supervisory)`);
  return kind;
}

/**
 * Submits a signed report with the document's facts and the recipients the registry gives on the
 * day; once submitted, the report's obligation (if one was opened) is fulfilled on the bus.
 */
@CommandHandler(SubmitDualReportCommand)
export class SubmitDualReportHandler implements ICommandHandler<SubmitDualReportCommand> {
  constructor(
    private readonly reports: DualReportAggregate,
    private readonly facts: DualReportFacts,
    private readonly commands: CommandBus,
  ) {}

  async execute({ data, context }: SubmitDualReportCommand): Promise<CommandResponse> {
    const answer = await submission(this.reports, this.facts, 'SubmitDualReport', data, context);
    if (answer.events.length > 0)
      await this.fulfilObligation(data.unitCode, data.year, requireKind(data.kind), chinaDay(context.now), context.correlationId);
    return answer;
  }

  /** The process step: the submission fulfils the report's obligation; none opened means nothing to fulfil. */
  private async fulfilObligation(unitCode: string, year: number, kind: DualReportKind, day: string, correlationId: string): Promise<void> {
    const subject = dualReportSubject(unitCode, year, kind);
    const context = commandContext(PROCESS, { correlationId });
    try {
      await this.commands.execute(
        new FulfilObligationCommand(
          { obligationId: obligationIdOf(RULE_NAMES.dualReport, subject), fulfilledOn: day, evidence: `${subject}#1` },
          context,
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'OBLIGATION.NOT_FOUND')) throw error;
    }
  }
}

/** A replacement: the same checks and facts as a submission; the obligation was fulfilled by the first. */
@CommandHandler(ResubmitDualReportCommand)
export class ResubmitDualReportHandler implements ICommandHandler<ResubmitDualReportCommand> {
  constructor(
    private readonly reports: DualReportAggregate,
    private readonly facts: DualReportFacts,
  ) {}

  execute({ data, context }: ResubmitDualReportCommand): Promise<CommandResponse> {
    return submission(this.reports, this.facts, 'ResubmitDualReport', data, context);
  }
}

/** A (re)submission: the caller acts for the unit; the document's facts and the recipients on the day go with it. */
async function submission(
  reports: DualReportAggregate,
  facts: DualReportFacts,
  type: 'SubmitDualReport' | 'ResubmitDualReport',
  data: SubmitDualReportData & { readonly reason?: string },
  context: CommandContext,
): Promise<CommandResponse> {
  const kind = requireKind(data.kind);
  const today = chinaDay(context.now);
  const actorUnits = await facts.actorUnitCodes(context.principal, today);
  if (!actorUnits.includes(data.unitCode) && !hasRole(context.principal, 'registry_admin')) {
    throw new DomainError('AUTH.FORBIDDEN', `You do not act for unit ${data.unitCode}.`, 'forbidden', { unit: data.unitCode });
  }
  const [document, recipients] = await Promise.all([
    facts.document(data.documentId, data.documentVersion),
    facts.recipients(data.unitCode, kind, today),
  ]);
  return reports.send({ type, data: { ...data, facts: { document, recipients } } } as never, context);
}

/** A recipient's acknowledgement: the caller acts for the recipient unit by a post held that day or by the token. */
@CommandHandler(AcknowledgeDualReportCommand)
export class AcknowledgeDualReportHandler implements ICommandHandler<AcknowledgeDualReportCommand> {
  constructor(
    private readonly reports: DualReportAggregate,
    private readonly facts: DualReportFacts,
  ) {}

  async execute({ data, context }: AcknowledgeDualReportCommand): Promise<CommandResponse> {
    const actorUnitCodes = await this.facts.actorUnitCodes(context.principal, chinaDay(context.now));
    return this.reports.send({ type: 'AcknowledgeDualReport', data: { ...data, facts: { actorUnitCodes } } }, context);
  }
}

/**
 * At the start of the year after `year`: the committee's `main` report and its paired commission's
 * `supervisory` report on `year`, each due under `dual_report.due` counted from 1 January.
 */
@CommandHandler(OpenDualReportObligationsCommand)
export class OpenDualReportObligationsHandler implements ICommandHandler<OpenDualReportObligationsCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: OpenDualReportObligationsCommand): Promise<{ readonly obligations: readonly CommandResponse[] }> {
    const fromDay = `${data.year + 1}-01-01`;
    const chain = await this.view.responsibilityChainOn(data.unitCode, fromDay);
    if (chain?.responsible?.committee.code !== data.unitCode) {
      throw new DomainError(
        'DUAL_REPORT.NOT_A_COMMITTEE',
        `${data.unitCode} was not a Party committee or group on ${fromDay}; dual report obligations are opened for committees`,
        'invalid',
        { unit: data.unitCode },
      );
    }
    const owed: [string, DualReportKind][] = [[data.unitCode, 'main']];
    const commission = chain.responsible.commission;
    if (commission) owed.push([commission.code, 'supervisory']);
    // Each obligation is its own stream: the request's Idempotency-Key and If-Match do not carry over (opening is idempotent).
    const inner = commandContext(context.principal, { now: context.now, correlationId: context.correlationId });
    const obligations: CommandResponse[] = [];
    for (const [unitCode, kind] of owed) {
      obligations.push(
        await this.commands.execute(
          new OpenObligationCommand(
            { unitCode, subject: dualReportSubject(unitCode, data.year, kind), ruleName: RULE_NAMES.dualReport, fromDay },
            inner,
          ),
        ),
      );
    }
    return { obligations };
  }
}
