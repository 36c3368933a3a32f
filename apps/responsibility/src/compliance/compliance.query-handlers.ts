import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay, DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { hasRole, type Principal } from '@app/platform';
import { ResponsibilityActors } from '../responsibility-actors';
import { DUE_SOON_WITHIN_DAYS } from '../responsibility-lists/responsibility-list.handlers';
import { ComplianceReads, type ComplianceScope, type ComplianceView, type UnitCompliance } from './compliance.reads';
import { ComplianceSnapshot, SNAPSHOT_FROM_UNITS } from './compliance.snapshot';

export class GetCompliance extends BusQuery<{ readonly scope: ComplianceScope; readonly year: number }, ComplianceView> {}

/** Kinds of unit whose officers supervise a whole division's units. */
const COMMISSION_KINDS = ['discipline_commission'];

/** The division codes enclosing a 6-digit division code, itself included. */
function enclosingDivisions(code: string): string[] {
  return [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code])];
}

/**
 * The city-wide (or district-wide, or a committee's) compliance view: per unit, the year's list
 * items done, overdue and due soon, its obligations by colour and its dual reports. Auditors and
 * registry administrators see any scope; a commission officer a division whose commission (or an
 * enclosing division's) is in the token, or a unit its commission supervises; a unit officer or
 * commission officer a unit in the token and those under it. A scope of `SNAPSHOT_FROM_UNITS` or
 * more is read from the snapshot while it is of today; `computedAt` says when the counts were made.
 */
@QueryHandler(GetCompliance)
export class GetComplianceHandler implements IQueryHandler<GetCompliance> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ResponsibilityActors,
    private readonly reads: ComplianceReads,
    private readonly snapshot: ComplianceSnapshot,
  ) {}

  async execute({ params: { scope, year }, principal }: GetCompliance): Promise<ComplianceView> {
    const now = new Date();
    const today = chinaDay(now);
    await this.assertMayRead(principal, scope, today);
    const codes = await this.reads.scopeCodes(scope, today);
    if (codes.length === 0 && 'unit' in scope) {
      throw new DomainError('UNIT.NOT_FOUND', `Unit ${scope.unit} does not exist on ${today}.`, 'not_found', { unit: scope.unit });
    }
    const snapshot = codes.length >= SNAPSHOT_FROM_UNITS ? await this.snapshot.read(codes, year, today) : undefined;
    const { units, computedAt } = snapshot ?? { units: await this.reads.units(codes, year, today), computedAt: now.toISOString() };
    const sum = (pick: (unit: UnitCompliance) => number) => units.reduce((total, unit) => total + pick(unit), 0);
    return {
      scope,
      year,
      asOf: today,
      computedAt,
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
