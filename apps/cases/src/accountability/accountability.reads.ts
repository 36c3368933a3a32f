import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { hasRole, type Principal } from '@app/platform';
import type { DecisionBasis } from './accountability.commands';
import type { DecisionTaken } from './accountability.decider';

export type CaseStatus = 'absent' | 'opened' | 'concluded' | 'closed';

export interface CaseFile {
  readonly caseId: string;
  readonly commission: string;
  readonly status: Exclude<CaseStatus, 'absent'>;
  readonly openedOn: string | null;
  readonly concludedOn: string | null;
}

export interface MatterView {
  readonly matterId: string;
  readonly reviewId: string;
  readonly caseId: string;
  readonly commission: string;
  readonly unitCode: string;
  readonly staffNumber: string | null;
  readonly responsibility: string;
  readonly subject: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly openedOn: string;
  readonly decisionId: string | null;
}

export type DecisionView = DecisionTaken & { readonly version: number };

const MATTER_COLUMNS = `matter_id AS "matterId", review_id AS "reviewId", case_id AS "caseId", commission, unit_code AS "unitCode",
  staff_number AS "staffNumber", responsibility, subject, to_char(period_from, 'YYYY-MM-DD') AS "periodFrom",
  to_char(period_to, 'YYYY-MM-DD') AS "periodTo", to_char(opened_on, 'YYYY-MM-DD') AS "openedOn", decision_id AS "decisionId"`;

/** The accountability read models: case files, matters, decisions. */
@Injectable()
export class AccountabilityReads {
  constructor(private readonly dataSource: DataSource) {}

  async caseFile(caseId: string): Promise<CaseFile | undefined> {
    const [row] = await this.dataSource.query<
      { case_id: string; commission: string; opened_on: string | null; concluded_on: string | null; closed_on: string | null }[]
    >(
      `SELECT case_id, commission, to_char(opened_on, 'YYYY-MM-DD') AS opened_on, to_char(concluded_on, 'YYYY-MM-DD') AS concluded_on,
              to_char(closed_on, 'YYYY-MM-DD') AS closed_on FROM acc_case_files WHERE case_id = $1`,
      [caseId.toLowerCase()],
    );
    if (!row) return undefined;
    const status = row.closed_on ? 'closed' : row.concluded_on ? 'concluded' : 'opened';
    return { caseId: row.case_id, commission: row.commission, status, openedOn: row.opened_on, concludedOn: row.concluded_on };
  }

  async matter(matterId: string): Promise<MatterView | undefined> {
    const [row] = await this.dataSource.query<MatterView[]>(`SELECT ${MATTER_COLUMNS} FROM acc_matters WHERE matter_id = $1`, [
      matterId.toLowerCase(),
    ]);
    return row;
  }

  async matters(commission: string, open?: boolean): Promise<MatterView[]> {
    return this.dataSource.query<MatterView[]>(
      `SELECT ${MATTER_COLUMNS} FROM acc_matters WHERE commission = $1 AND ($2::boolean IS NULL OR (decision_id IS NULL) = $2)
        ORDER BY opened_on DESC, matter_id`,
      [commission, open ?? null],
    );
  }

  /** What a decision is taken on, as the read models have it. */
  async basis(input: { caseId?: string; matterId?: string }): Promise<DecisionBasis> {
    if (input.matterId) {
      const matter = await this.matter(input.matterId);
      return { kind: 'matter', matterId: input.matterId, matter: matter ?? null };
    }
    const caseId = input.caseId ?? '';
    const file = await this.caseFile(caseId);
    return { kind: 'case', caseId, status: file?.status ?? 'absent', commission: file?.commission ?? null };
  }

  async decision(decisionId: string): Promise<DecisionView | undefined> {
    const [row] = await this.dataSource.query<{ state: DecisionTaken; version: number }[]>(
      'SELECT state, version FROM acc_decisions WHERE decision_id = $1',
      [decisionId.toLowerCase()],
    );
    return row ? { ...row.state, version: row.version } : undefined;
  }

  async requireDecision(decisionId: string): Promise<DecisionView> {
    const decision = await this.decision(decisionId);
    if (!decision) throw new DomainError('ACCOUNTABILITY.DECISION_NOT_FOUND', `No accountability decision ${decisionId}.`, 'not_found');
    return decision;
  }

  async decisions(filter: { commission: string; caseId?: string; decidedFrom?: string; decidedTo?: string }): Promise<DecisionTaken[]> {
    const rows = await this.dataSource.query<{ state: DecisionTaken }[]>(
      `SELECT state FROM acc_decisions WHERE commission = $1 AND ($2::text IS NULL OR case_id = $2)
          AND ($3::date IS NULL OR decided_on >= $3) AND ($4::date IS NULL OR decided_on <= $4)
        ORDER BY decided_on, decision_id`,
      [filter.commission, filter.caseId?.toLowerCase() ?? null, filter.decidedFrom ?? null, filter.decidedTo ?? null],
    );
    return rows.map((row) => row.state);
  }
}

/** Who reads a commission's accountability: auditors, and officers acting for it. */
export function assertMayRead(principal: Principal, commission: string): void {
  if (hasRole(principal, 'auditor')) return;
  if (hasRole(principal, 'commission_officer') && principal.units.includes(commission)) return;
  throw new DomainError('AUTH.FORBIDDEN', `You do not act for ${commission}.`, 'forbidden');
}

/** A commission officer acting for the commission. */
export function actsForCommission(principal: Principal, commission: string): boolean {
  return hasRole(principal, 'commission_officer') && principal.units.includes(commission);
}
