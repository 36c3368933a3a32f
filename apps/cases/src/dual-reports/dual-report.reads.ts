import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { OpenReport } from './dual-report.decider';

export type DualReportView = OpenReport & { readonly version: number };

/** The dual reports read model (`case_dual_reports`), one folded row per report. */
@Injectable()
export class DualReportReads {
  constructor(private readonly dataSource: DataSource) {}

  async find(reportId: string): Promise<DualReportView | undefined> {
    const [row] = await this.dataSource.query<{ state: OpenReport; version: number }[]>(
      'SELECT state, version FROM case_dual_reports WHERE report_id = $1',
      [reportId.toLowerCase()],
    );
    return row ? { ...row.state, version: row.version } : undefined;
  }

  async require(reportId: string): Promise<DualReportView> {
    const report = await this.find(reportId);
    if (!report) throw new DomainError('DUAL_REPORT.NOT_FOUND', `No dual report ${reportId}.`, 'not_found', { reportId });
    return report;
  }

  /** A commission's dual reports, newest first (at most `limit`), optionally of one matter. */
  async list(filter: { commission: string; matterId?: string; limit: number }): Promise<{ items: DualReportView[] }> {
    const rows = await this.dataSource.query<{ state: OpenReport; version: number }[]>(
      `SELECT state, version FROM case_dual_reports
        WHERE commission = $1 AND ($2::text IS NULL OR matter_id = $2)
        ORDER BY reported_on DESC, report_id DESC
        LIMIT $3`,
      [filter.commission, filter.matterId?.toLowerCase() ?? null, filter.limit],
    );
    return { items: rows.map((row) => ({ ...row.state, version: row.version })) };
  }
}
