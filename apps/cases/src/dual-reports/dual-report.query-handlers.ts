import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay, DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { hasRole, type Principal } from '@app/platform';
import { ClueFacts } from '../clues/clue-facts';
import { DualReportReads, type DualReportView } from './dual-report.reads';

/** Auditors and the reporting commission's officers and leadership read its dual reports. */
async function mayReadFor(facts: ClueFacts, principal: Principal, commission: string): Promise<boolean> {
  if (hasRole(principal, 'auditor')) return true;
  const actor = await facts.actorOf(principal, commission, chinaDay(new Date()));
  return actor.officer || actor.commissionPosts.length > 0;
}

export class GetDualReport extends BusQuery<{ readonly reportId: string }, DualReportView> {}

/** A dual report, for auditors, the reporting commission, and people acting for one of its recipients. */
@QueryHandler(GetDualReport)
export class GetDualReportHandler implements IQueryHandler<GetDualReport> {
  constructor(
    private readonly reads: DualReportReads,
    private readonly facts: ClueFacts,
  ) {}

  async execute({ params: { reportId }, principal }: GetDualReport): Promise<DualReportView> {
    const report = await this.reads.require(reportId);
    const recipient = report.recipients.some((candidate) => principal.units.includes(candidate.unitCode));
    if (recipient || (await mayReadFor(this.facts, principal, report.commission))) return report;
    throw new DomainError('AUTH.FORBIDDEN', 'You do not have access to this dual report.', 'forbidden');
  }
}

export class ListDualReports extends BusQuery<
  { readonly commission: string; readonly matterId?: string; readonly limit: number },
  { items: DualReportView[] }
> {}

/** A commission's dual reports, for auditors and the commission's officers and leadership. */
@QueryHandler(ListDualReports)
export class ListDualReportsHandler implements IQueryHandler<ListDualReports> {
  constructor(
    private readonly reads: DualReportReads,
    private readonly facts: ClueFacts,
  ) {}

  async execute({ params, principal }: ListDualReports) {
    if (!(await mayReadFor(this.facts, principal, params.commission))) {
      throw new DomainError('AUTH.FORBIDDEN', `You do not act for ${params.commission}.`, 'forbidden');
    }
    return this.reads.list(params);
  }
}
