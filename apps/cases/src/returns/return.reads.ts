import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountabilityReads } from '../accountability/accountability.reads';
import type { DecisionTaken } from '../accountability/accountability.decider';
import { returnStreamId } from './return.commands';
import type { ReturnState } from './return.decider';
import { compileFigures, type Quarter, type ReturnFigures } from './return-figures';

/** The quarter's figures compiled from the read models, and the return's own stream state. */
@Injectable()
export class ReturnReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accountability: AccountabilityReads,
  ) {}

  async compile(commission: string, quarter: Quarter): Promise<{ figures: ReturnFigures; decisions: DecisionTaken[] }> {
    const [counts] = await this.dataSource.query<{ opened: number; concluded: number; matters_opened: number; matters_decided: number }[]>(
      `SELECT (SELECT count(*)::int FROM acc_case_files WHERE commission = $1 AND opened_on BETWEEN $2 AND $3) AS opened,
              (SELECT count(*)::int FROM acc_case_files WHERE commission = $1 AND concluded_on BETWEEN $2 AND $3) AS concluded,
              (SELECT count(*)::int FROM acc_matters WHERE commission = $1 AND opened_on BETWEEN $2 AND $3) AS matters_opened,
              (SELECT count(*)::int FROM acc_matters WHERE commission = $1 AND opened_on BETWEEN $2 AND $3 AND decision_id IS NOT NULL) AS matters_decided`,
      [commission, quarter.from, quarter.to],
    );
    // Sanctions imposed in the quarter may rest on a decision of an earlier quarter.
    const decisions = await this.accountability.decisions({ commission, decidedTo: quarter.to });
    const figures = compileFigures(quarter, {
      casesOpened: counts?.opened ?? 0,
      casesConcluded: counts?.concluded ?? 0,
      decisions,
      mattersOpened: counts?.matters_opened ?? 0,
      mattersDecided: counts?.matters_decided ?? 0,
    });
    return { figures, decisions: decisions.filter((decision) => decision.decidedOn >= quarter.from) };
  }

  async state(commission: string, quarter: string): Promise<{ state: ReturnState; version: number }> {
    const [row] = await this.dataSource.query<{ state: ReturnState; version: number }[]>(
      'SELECT state, version FROM acc_returns WHERE stream_id = $1',
      [returnStreamId(commission, quarter)],
    );
    return row ?? { state: { status: 'pending', overdue: false }, version: 0 };
  }

  /**
   * Commissions with accountability activity in a quarter that ended before `day` and whose return
   * was neither submitted nor recorded overdue.
   */
  async unsubmitted(day: string): Promise<{ commission: string; quarter: string }[]> {
    return this.dataSource.query(
      `WITH activity AS (
         SELECT commission, opened_on AS day FROM acc_case_files WHERE opened_on IS NOT NULL
         UNION SELECT commission, concluded_on FROM acc_case_files WHERE concluded_on IS NOT NULL
         UNION SELECT commission, decided_on FROM acc_decisions WHERE decided_on IS NOT NULL
         UNION SELECT commission, opened_on FROM acc_matters
       ), quarters AS (
         SELECT DISTINCT commission, to_char(day, 'YYYY-"Q"Q') AS quarter FROM activity
          WHERE (date_trunc('quarter', day) + interval '3 months')::date <= $1::date
       )
       SELECT commission, quarter FROM quarters q
        WHERE NOT EXISTS (SELECT 1 FROM acc_returns r
                           WHERE r.stream_id = 'accountability-return-' || q.commission || '-' || lower(q.quarter) AND (r.submitted OR r.overdue))
        ORDER BY quarter, commission`,
      [day],
    );
  }
}
