import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { enclosingJurisdictions } from '@app/deadlines';
import { BusCommand } from '@app/kit';
import { chinaDay, DomainError } from '@app/domain';
import { REGISTRY_NOT_CAUGHT_UP, RegistryView } from '@app/registry-view';
import { DualReportAggregate } from './dual-report.aggregate';
import type { DualReportRecipient, DualReportRecipientRole } from './dual-report.events';
import { DualReportReads } from './dual-report.reads';
import { DUAL_REPORT_ACKNOWLEDGEMENT, DUAL_REPORT_RULES } from './dual-report.rules';

export interface OpenDualReportInput {
  readonly reportId: string;
  readonly matter: string;
  readonly matterId: string;
  readonly commission: string;
  readonly decidedOn: string;
  readonly trigger: { readonly type: string; readonly eventId: string };
}
/** The dual-report reaction's command; never on a route. */
export class OpenDualReportCommand extends BusCommand<OpenDualReportInput> {}
export class AcknowledgeDualReportCommand extends BusCommand<{ readonly reportId: string; readonly recipient: string }> {}
export class MarkDualReportOverdueCommand extends BusCommand<{ readonly reportId: string }> {}

/**
 * The recipients as the registry had them on the day of the decision: the Party committee the
 * commission supervises (the nearest committee above it, paired with it that day) and the
 * commission of the next committee up — the same "higher commission" petitions are forwarded to.
 */
@CommandHandler(OpenDualReportCommand)
export class OpenDualReportHandler implements ICommandHandler<OpenDualReportCommand> {
  constructor(
    private readonly reports: DualReportAggregate,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: OpenDualReportCommand) {
    const chain = await this.view.responsibilityChainOn(data.commission, data.decidedOn);
    const committee = chain?.responsible?.commission?.code === data.commission ? chain.responsible.committee.code : undefined;
    const higher = chain?.higher?.commission?.code;
    const found: [DualReportRecipientRole, string | undefined][] = [
      ['same_level_committee', committee],
      ['higher_commission', higher],
    ];
    const recipients: DualReportRecipient[] = found.flatMap(([role, unitCode]) => (unitCode ? [{ role, unitCode }] : []));
    const unresolved = found.filter(([, unitCode]) => !unitCode).map(([role]) => role);
    const unit = await this.view.unitOn(data.commission, data.decidedOn);
    const acknowledgementRule = DUAL_REPORT_RULES.resolve(
      DUAL_REPORT_ACKNOWLEDGEMENT,
      enclosingJurisdictions(unit?.jurisdictionCode ?? '100000'),
      data.decidedOn,
    );
    return this.reports.send(
      { type: 'OpenDualReport', data: { ...data, recipients, unresolved, acknowledgementRule } },
      context,
      data.commission,
    );
  }
}

@CommandHandler(AcknowledgeDualReportCommand)
export class AcknowledgeDualReportHandler implements ICommandHandler<AcknowledgeDualReportCommand> {
  constructor(
    private readonly reports: DualReportAggregate,
    private readonly reads: DualReportReads,
    private readonly view: RegistryView,
  ) {}

  /** The caller acts for the units of their token and for those where they hold a post today (registry view). */
  async execute({ data, context }: AcknowledgeDualReportCommand) {
    const report = await this.reads.require(data.reportId);
    const { personId, units } = context.principal;
    const posts = await this.view.postsHeldOn(personId, chinaDay(context.now)).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === REGISTRY_NOT_CAUGHT_UP) return [];
      throw error;
    });
    const actor = { staffNumber: personId, units: [...new Set([...units, ...posts.map((post) => post.unitCode)])] };
    return this.reports.send({ type: 'AcknowledgeDualReport', data: { ...data, actor } }, context, report.commission);
  }
}

/** The deadline job's command; never on a route. */
@CommandHandler(MarkDualReportOverdueCommand)
export class MarkDualReportOverdueHandler implements ICommandHandler<MarkDualReportOverdueCommand> {
  constructor(
    private readonly reports: DualReportAggregate,
    private readonly reads: DualReportReads,
  ) {}

  async execute({ data, context }: MarkDualReportOverdueCommand) {
    const report = await this.reads.require(data.reportId);
    return this.reports.send({ type: 'MarkDualReportOverdue', data }, context, report.commission);
  }
}
