import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReviewedResponsibility } from '@app/contracts';
import type { ReviewView } from './review.reads';

export const EVIDENCE_KINDS = ['responsibility_list', 'ten_things', 'document', 'dual_report', 'obligation', 'follow_up'] as const;

/** One of this service's records a finding can rest on, by its stream. */
export interface ReviewEvidence {
  readonly kind: (typeof EVIDENCE_KINDS)[number];
  readonly streamId: string;
  readonly unitCode: string;
  readonly year: number;
  /** The record's status now (a list `approved`, a document `fully_signed`, an obligation `fulfilled` …). */
  readonly status: string;
  /** What the record is: the ten-things number, document kind, dual report kind, obligation rule. */
  readonly detail: string | null;
  /** Main for the committee's own records, supervisory for the commission's. */
  readonly responsibility: ReviewedResponsibility;
}

/**
 * The records of the reviewed units (the committees and commissions of the period) for the
 * period's years, from the read models as they are: responsibility lists, the ten things' ledgers,
 * documents and their sign-offs (letters, reports), dual reports, obligations (talks, reports and
 * filings due) and follow-up notices. $1 the units, $2 the years.
 */
const EVIDENCE_SQL = `
  SELECT 'responsibility_list' AS kind, stream_id, unit_code, year, status, NULL AS detail FROM resp_lists
   WHERE unit_code = ANY($1::text[]) AND year = ANY($2::int[])
  UNION ALL
  SELECT 'ten_things', stream_id, unit_code, year, status, '第' || number || '件: ' || progress || '%' FROM resp_ten_things
   WHERE unit_code = ANY($1::text[]) AND year = ANY($2::int[])
  UNION ALL
  SELECT 'document', stream_id, unit_code, year, status, kind FROM resp_documents
   WHERE unit_code = ANY($1::text[]) AND year = ANY($2::int[])
  UNION ALL
  SELECT 'dual_report', stream_id, unit_code, year, CASE WHEN fully_acknowledged THEN 'acknowledged' ELSE 'submitted' END, kind
    FROM resp_dual_reports WHERE unit_code = ANY($1::text[]) AND year = ANY($2::int[])
  UNION ALL
  SELECT 'obligation', stream_id, unit_code, extract(year FROM due_on)::int, status, rule_name FROM resp_obligations
   WHERE unit_code = ANY($1::text[]) AND extract(year FROM due_on)::int = ANY($2::int[])
  UNION ALL
  SELECT 'follow_up', stream_id, unit_code, year, status, NULL FROM resp_follow_ups
   WHERE unit_code = ANY($1::text[]) AND year = ANY($2::int[])
  ORDER BY year, unit_code, kind, stream_id`;

interface Row {
  kind: ReviewEvidence['kind'];
  stream_id: string;
  unit_code: string;
  year: number;
  status: string;
  detail: string | null;
}

/** The evidence a review's findings may cite: gathered from the read models, never copied into the review. */
@Injectable()
export class ReviewEvidenceReads {
  constructor(private readonly dataSource: DataSource) {}

  async of(review: Pick<ReviewView, 'unitCode' | 'subjects' | 'periodFrom' | 'periodTo'>): Promise<ReviewEvidence[]> {
    const commissions = new Set(review.subjects.filter((s) => s.responsibility === 'supervisory').map((s) => s.unitCode));
    const units = [...new Set([review.unitCode, ...review.subjects.map((s) => s.unitCode)])];
    const years: number[] = [];
    for (let year = Number(review.periodFrom.slice(0, 4)); year <= Number(review.periodTo.slice(0, 4)); year++) years.push(year);
    const rows = await this.dataSource.query<Row[]>(EVIDENCE_SQL, [units, years]);
    return rows.map((row) => ({
      kind: row.kind,
      streamId: row.stream_id,
      unitCode: row.unit_code,
      year: row.year,
      status: row.status,
      detail: row.detail,
      responsibility: commissions.has(row.unit_code) ? 'supervisory' : 'main',
    }));
  }
}
