import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addCalendarDays } from '@app/deadlines';
import { DUE_SOON_WITHIN_DAYS } from '../responsibility-lists/responsibility-list.handlers';

/** The units a compliance view covers: those of a division (and the divisions within it), or a unit and those under it. */
export type ComplianceScope = { readonly jurisdiction: string } | { readonly unit: string };

export interface ItemCounts {
  readonly total: number;
  readonly done: number;
  readonly overdue: number;
  readonly dueSoon: number;
}

export interface ObligationCounts {
  readonly onTrack: number;
  readonly dueSoon: number;
  readonly overdue: number;
  readonly done: number;
  readonly doneLate: number;
}

export interface DualReportStatus {
  readonly kind: string;
  readonly submittedOn: string;
  readonly fullyAcknowledged: boolean;
}

export interface UnitCompliance {
  readonly unitCode: string;
  readonly name: string | null;
  readonly kind: string;
  /** The list's status for the year (`drafting`, `submitted`, `approved`), null when none was generated. */
  readonly list: string | null;
  readonly items: ItemCounts;
  readonly obligations: ObligationCounts;
  /** The dual reports on the year before, submitted during the year. */
  readonly dualReports: readonly DualReportStatus[];
}

export interface ComplianceView {
  readonly scope: ComplianceScope;
  readonly year: number;
  readonly asOf: string;
  /** When the counts were computed: now, or the snapshot's refresh. */
  readonly computedAt: string;
  readonly dueSoonWithinDays: number;
  readonly totals: ItemCounts & { readonly units: number; readonly unitsWithoutList: number };
  readonly units: readonly UnitCompliance[];
}

/**
 * The units in scope as of `$1` (today): registered by then and not dissolved. A division code
 * covers the divisions within it (GB/T 2260: a province ends in 0000, a city in 00); a unit
 * covers itself and every unit under it through the parents in force today. Resolved first, so
 * that the counts below are planned for the number of units they cover: a few units read their
 * rows by index, a city reads the year's rows in one pass.
 */
const SCOPE_SQL = {
  jurisdiction: `
    SELECT u.code FROM rv_units u
     WHERE u.jurisdiction_code LIKE $2 AND u.registered_from <= $1::date AND (u.dissolved_from IS NULL OR u.dissolved_from > $1::date)`,
  unit: `
    WITH RECURSIVE tree AS (
      SELECT $2::text AS code
      UNION
      SELECT p.unit_code FROM tree t
        JOIN rv_unit_parents p ON p.parent_code = t.code AND p.effective_from <= $1::date
       WHERE NOT EXISTS (SELECT 1 FROM rv_unit_parents later
                          WHERE later.unit_code = p.unit_code AND later.effective_from > p.effective_from AND later.effective_from <= $1::date))
    SELECT u.code FROM rv_units u JOIN tree t ON t.code = u.code
     WHERE u.registered_from <= $1::date AND (u.dissolved_from IS NULL OR u.dissolved_from > $1::date)`,
} as const;

/**
 * Per unit in scope ($4), one statement over the read models: the year's list items (done when
 * every task carrying the item out is completed; otherwise overdue past the deadline, due soon
 * within `dueSoonWithinDays` of it), the obligations due in the year by today's colour, and the
 * dual reports on the year before. Each part is grouped by unit before the join, so a unit's row
 * costs its own items and obligations, never a cross product.
 * $1 today, $2 year, $3 last due-soon day, $4 the units' codes.
 */
const COMPLIANCE_SQL = `
  WITH scope AS (SELECT u.code, u.kind FROM rv_units u WHERE u.code = ANY($4::text[])),
  names AS (
    SELECT DISTINCT ON (n.unit_code) n.unit_code, n.name FROM rv_unit_names n
     WHERE n.unit_code = ANY($4::text[]) AND n.effective_from <= $1::date ORDER BY n.unit_code, n.effective_from DESC),
  lists AS (SELECT l.unit_code, l.status FROM resp_lists l WHERE l.year = $2 AND l.unit_code = ANY($4::text[])),
  item_tasks AS (
    SELECT t.unit_code, t.item_key, bool_and(t.status = 'completed') AS done FROM resp_tasks t
     WHERE t.year = $2 AND t.unit_code = ANY($4::text[]) GROUP BY t.unit_code, t.item_key),
  items AS (
    SELECT i.unit_code,
           count(*)::int AS total,
           count(*) FILTER (WHERE d.done)::int AS done,
           count(*) FILTER (WHERE d.done IS NOT TRUE AND i.deadline < $1::date)::int AS overdue,
           count(*) FILTER (WHERE d.done IS NOT TRUE AND i.deadline >= $1::date AND i.deadline <= $3::date)::int AS due_soon
      FROM resp_list_items i
      LEFT JOIN item_tasks d ON d.unit_code = i.unit_code AND d.item_key = i.item_key
     WHERE i.year = $2 AND i.unit_code = ANY($4::text[]) GROUP BY i.unit_code),
  obligations AS (
    SELECT o.unit_code,
           count(*) FILTER (WHERE o.status = 'pending' AND $1::date < o.warn_from)::int AS on_track,
           count(*) FILTER (WHERE o.status = 'pending' AND $1::date >= o.warn_from AND $1::date <= o.due_on)::int AS due_soon,
           count(*) FILTER (WHERE o.status = 'pending' AND $1::date > o.due_on)::int AS overdue,
           count(*) FILTER (WHERE o.status = 'fulfilled' AND o.fulfilled_on <= o.due_on)::int AS done,
           count(*) FILTER (WHERE o.status = 'fulfilled' AND o.fulfilled_on > o.due_on)::int AS done_late
      FROM resp_obligations o
     WHERE o.unit_code = ANY($4::text[]) AND o.due_on >= make_date($2, 1, 1) AND o.due_on <= make_date($2, 12, 31)
     GROUP BY o.unit_code),
  reports AS (
    SELECT r.unit_code,
           jsonb_agg(jsonb_build_object('kind', r.kind, 'submittedOn', r.submitted_on::text, 'fullyAcknowledged', r.fully_acknowledged)
                     ORDER BY r.kind) AS reports
      FROM resp_dual_reports r
     WHERE r.year = $2 - 1 AND r.unit_code = ANY($4::text[]) GROUP BY r.unit_code)
  SELECT s.code AS unit_code, s.kind, n.name, l.status AS list,
         coalesce(i.total, 0) AS items_total, coalesce(i.done, 0) AS items_done,
         coalesce(i.overdue, 0) AS items_overdue, coalesce(i.due_soon, 0) AS items_due_soon,
         coalesce(o.on_track, 0) AS obligations_on_track, coalesce(o.due_soon, 0) AS obligations_due_soon,
         coalesce(o.overdue, 0) AS obligations_overdue, coalesce(o.done, 0) AS obligations_done,
         coalesce(o.done_late, 0) AS obligations_done_late, coalesce(r.reports, '[]'::jsonb) AS dual_reports
    FROM scope s
    LEFT JOIN names n ON n.unit_code = s.code
    LEFT JOIN lists l ON l.unit_code = s.code
    LEFT JOIN items i ON i.unit_code = s.code
    LEFT JOIN obligations o ON o.unit_code = s.code
    LEFT JOIN reports r ON r.unit_code = s.code
   ORDER BY s.code`;

interface Row {
  unit_code: string;
  kind: string;
  name: string | null;
  list: string | null;
  items_total: number;
  items_done: number;
  items_overdue: number;
  items_due_soon: number;
  obligations_on_track: number;
  obligations_due_soon: number;
  obligations_overdue: number;
  obligations_done: number;
  obligations_done_late: number;
  dual_reports: DualReportStatus[];
}

/** `LIKE` pattern of the division codes within a 6-digit division code. */
export function divisionPattern(code: string): string {
  if (code.endsWith('0000')) return `${code.slice(0, 2)}%`;
  if (code.endsWith('00')) return `${code.slice(0, 4)}%`;
  return code;
}

/** The compliance counts computed from the read models as they are now. */
@Injectable()
export class ComplianceReads {
  constructor(private readonly dataSource: DataSource) {}

  /** The codes of the units in scope on `today`, in code order. */
  async scopeCodes(scope: ComplianceScope, today: string): Promise<string[]> {
    const [kind, target] =
      'jurisdiction' in scope ? (['jurisdiction', divisionPattern(scope.jurisdiction)] as const) : (['unit', scope.unit] as const);
    const rows = await this.dataSource.query<{ code: string }[]>(SCOPE_SQL[kind], [today, target]);
    return rows.map((row) => row.code).sort();
  }

  /** Each of these units' counts for the year as of `today`, in code order. */
  async units(codes: readonly string[], year: number, today: string): Promise<UnitCompliance[]> {
    if (codes.length === 0) return [];
    const rows = await this.dataSource.query<Row[]>(COMPLIANCE_SQL, [today, year, addCalendarDays(today, DUE_SOON_WITHIN_DAYS), codes]);
    return rows.map(unitOf);
  }
}

function unitOf(row: Row): UnitCompliance {
  return {
    unitCode: row.unit_code,
    name: row.name,
    kind: row.kind,
    list: row.list,
    items: { total: row.items_total, done: row.items_done, overdue: row.items_overdue, dueSoon: row.items_due_soon },
    obligations: {
      onTrack: row.obligations_on_track,
      dueSoon: row.obligations_due_soon,
      overdue: row.obligations_overdue,
      done: row.obligations_done,
      doneLate: row.obligations_done_late,
    },
    dualReports: row.dual_reports,
  };
}
