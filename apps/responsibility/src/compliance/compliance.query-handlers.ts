import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { addCalendarDays } from '@app/deadlines';
import { chinaDay, DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { hasRole, type Principal } from '@app/platform';
import { ResponsibilityActors } from '../responsibility-actors';
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
  readonly dueSoonWithinDays: number;
  readonly totals: ItemCounts & { readonly units: number; readonly unitsWithoutList: number };
  readonly units: readonly UnitCompliance[];
}

export class GetCompliance extends BusQuery<{ readonly scope: ComplianceScope; readonly year: number }, ComplianceView> {}

/** Kinds of unit whose officers supervise a whole division's units. */
const COMMISSION_KINDS = ['discipline_commission'];

/**
 * The units in scope as of `$1` (today): registered by then and not dissolved. A division code
 * covers the divisions within it (GB/T 2260: a province ends in 0000, a city in 00); a unit
 * covers itself and every unit under it through the parents in force today.
 */
const SCOPE_SQL = {
  jurisdiction: `
    scope AS (
      SELECT u.code, u.kind FROM rv_units u
       WHERE u.jurisdiction_code LIKE $4 AND u.registered_from <= $1::date AND (u.dissolved_from IS NULL OR u.dissolved_from > $1::date))`,
  unit: `
    parents AS (
      SELECT DISTINCT ON (unit_code) unit_code, parent_code FROM rv_unit_parents
       WHERE effective_from <= $1::date ORDER BY unit_code, effective_from DESC),
    tree AS (SELECT $4::text AS code UNION SELECT p.unit_code FROM parents p JOIN tree t ON p.parent_code = t.code),
    scope AS (
      SELECT u.code, u.kind FROM rv_units u JOIN tree t ON t.code = u.code
       WHERE u.registered_from <= $1::date AND (u.dissolved_from IS NULL OR u.dissolved_from > $1::date))`,
} as const;

/**
 * Per unit in scope, one statement over the read models: the year's list items (done when every
 * task carrying the item out is completed; otherwise overdue past the deadline, due soon within
 * `dueSoonWithinDays` of it), the obligations due in the year by today's colour, and the dual
 * reports on the year before. Each part is grouped by unit before the join, so a unit's row costs
 * its own items and obligations, never a cross product.
 * $1 today, $2 year, $3 last due-soon day, $4 division prefix pattern or unit code.
 */
const complianceSql = (scope: keyof typeof SCOPE_SQL) => `
  WITH RECURSIVE ${SCOPE_SQL[scope]},
  names AS (
    SELECT DISTINCT ON (n.unit_code) n.unit_code, n.name FROM rv_unit_names n JOIN scope s ON s.code = n.unit_code
     WHERE n.effective_from <= $1::date ORDER BY n.unit_code, n.effective_from DESC),
  lists AS (SELECT l.unit_code, l.status FROM resp_lists l JOIN scope s ON s.code = l.unit_code WHERE l.year = $2),
  item_tasks AS (
    SELECT t.unit_code, t.item_key, bool_and(t.status = 'completed') AS done FROM resp_tasks t JOIN scope s ON s.code = t.unit_code
     WHERE t.year = $2 GROUP BY t.unit_code, t.item_key),
  items AS (
    SELECT i.unit_code,
           count(*)::int AS total,
           count(*) FILTER (WHERE d.done)::int AS done,
           count(*) FILTER (WHERE d.done IS NOT TRUE AND i.deadline < $1::date)::int AS overdue,
           count(*) FILTER (WHERE d.done IS NOT TRUE AND i.deadline >= $1::date AND i.deadline <= $3::date)::int AS due_soon
      FROM resp_list_items i JOIN scope s ON s.code = i.unit_code
      LEFT JOIN item_tasks d ON d.unit_code = i.unit_code AND d.item_key = i.item_key
     WHERE i.year = $2 GROUP BY i.unit_code),
  obligations AS (
    SELECT o.unit_code,
           count(*) FILTER (WHERE o.status = 'pending' AND $1::date < o.warn_from)::int AS on_track,
           count(*) FILTER (WHERE o.status = 'pending' AND $1::date >= o.warn_from AND $1::date <= o.due_on)::int AS due_soon,
           count(*) FILTER (WHERE o.status = 'pending' AND $1::date > o.due_on)::int AS overdue,
           count(*) FILTER (WHERE o.status = 'fulfilled' AND o.fulfilled_on <= o.due_on)::int AS done,
           count(*) FILTER (WHERE o.status = 'fulfilled' AND o.fulfilled_on > o.due_on)::int AS done_late
      FROM resp_obligations o JOIN scope s ON s.code = o.unit_code
     WHERE o.due_on >= make_date($2, 1, 1) AND o.due_on <= make_date($2, 12, 31) GROUP BY o.unit_code),
  reports AS (
    SELECT r.unit_code,
           jsonb_agg(jsonb_build_object('kind', r.kind, 'submittedOn', r.submitted_on::text, 'fullyAcknowledged', r.fully_acknowledged)
                     ORDER BY r.kind) AS reports
      FROM resp_dual_reports r JOIN scope s ON s.code = r.unit_code
     WHERE r.year = $2 - 1 GROUP BY r.unit_code)
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

const SQL = { jurisdiction: complianceSql('jurisdiction'), unit: complianceSql('unit') } as const;

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

/** The division codes enclosing a 6-digit division code, itself included. */
function enclosingDivisions(code: string): string[] {
  return [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code])];
}

/**
 * The city-wide (or district-wide, or a committee's) compliance view: per unit, the year's list
 * items done, overdue and due soon, its obligations by colour and its dual reports. Auditors and
 * registry administrators see any scope; a commission officer a division whose commission (or an
 * enclosing division's) is in the token, or a unit its commission supervises; a unit officer or
 * commission officer a unit in the token and those under it.
 */
@QueryHandler(GetCompliance)
export class GetComplianceHandler implements IQueryHandler<GetCompliance> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params: { scope, year }, principal }: GetCompliance): Promise<ComplianceView> {
    const today = chinaDay(new Date());
    await this.assertMayRead(principal, scope, today);
    const [kind, target] =
      'jurisdiction' in scope ? (['jurisdiction', divisionPattern(scope.jurisdiction)] as const) : (['unit', scope.unit] as const);
    const rows = await this.dataSource.query<Row[]>(SQL[kind], [today, year, addCalendarDays(today, DUE_SOON_WITHIN_DAYS), target]);
    if (rows.length === 0 && 'unit' in scope) {
      throw new DomainError('UNIT.NOT_FOUND', `Unit ${scope.unit} does not exist on ${today}.`, 'not_found', { unit: scope.unit });
    }
    const units = rows.map(unitOf);
    const sum = (pick: (unit: UnitCompliance) => number) => units.reduce((total, unit) => total + pick(unit), 0);
    return {
      scope,
      year,
      asOf: today,
      dueSoonWithinDays: DUE_SOON_WITHIN_DAYS,
      totals: {
        units: units.length,
        unitsWithoutList: units.filter((unit) => unit.list === null).length,
        total: sum((unit) => unit.items.total),
        done: sum((unit) => unit.items.done),
        overdue: sum((unit) => unit.items.overdue),
        dueSoon: sum((unit) => unit.items.dueSoon),
      },
      units,
    };
  }

  private async assertMayRead(principal: Principal, scope: ComplianceScope, today: string): Promise<void> {
    if (hasRole(principal, 'auditor', 'registry_admin')) return;
    if ('unit' in scope) {
      await this.actors.assertMayRead(principal, scope.unit, today);
      return;
    }
    if (hasRole(principal, 'commission_officer') && principal.units.length > 0) {
      const [row] = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM rv_units
          WHERE code = ANY($1::text[]) AND kind = ANY($2::text[]) AND jurisdiction_code = ANY($3::text[])`,
        [principal.units, COMMISSION_KINDS, enclosingDivisions(scope.jurisdiction)],
      );
      if (row.n > 0) return;
    }
    throw new DomainError('AUTH.FORBIDDEN', `You do not supervise the units of division ${scope.jurisdiction}.`, 'forbidden', {
      jurisdiction: scope.jurisdiction,
    });
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
