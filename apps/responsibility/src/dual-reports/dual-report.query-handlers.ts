import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay, DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { ResponsibilityActors } from '../responsibility-actors';
import { dualReportStreamId } from './dual-report.commands';
import type { SubmittedReport } from './dual-report.decider';

export interface DualReportView extends SubmittedReport {
  readonly version: number;
}

/** One report as last submitted, with who acknowledged it; read by the unit's readers and by its recipients. */
export class GetDualReport extends BusQuery<{ readonly unitCode: string; readonly year: number; readonly kind: string }, DualReportView> {}

@QueryHandler(GetDualReport)
export class GetDualReportHandler implements IQueryHandler<GetDualReport> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params, principal }: GetDualReport): Promise<DualReportView> {
    const { unitCode, year, kind } = params;
    const [row] = await this.dataSource.query<{ state: SubmittedReport; version: number }[]>(
      "SELECT state, version FROM resp_dual_reports WHERE stream_id = $1 AND state->>'status' = 'submitted'",
      [dualReportStreamId(unitCode, year, kind)],
    );
    const isRecipient = row?.state.current.recipients.some((recipient) => principal.units.includes(recipient.unitCode)) ?? false;
    if (!isRecipient) await this.actors.assertMayRead(principal, unitCode, chinaDay(new Date()));
    if (!row) throw new DomainError('DUAL_REPORT.NOT_SUBMITTED', `no ${kind} report of ${unitCode} on ${year} was submitted`, 'not_found');
    return { ...row.state, version: row.version };
  }
}
