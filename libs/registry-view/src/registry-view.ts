import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, requireDay } from '@app/domain';
import { isKeyValidOn, personOn, relationHoldsOn, type PersonOnDay, type Relation, type SigningKey } from './person-history';
import { responsibilityChain, type ResponsibilityChain } from './responsibility-chain';
import { RvAppointment, RvPerson, RvPersonName, RvPortfolio, RvRelation, RvSigningKey } from './registry-view.entities';
import { personHistoryOf, relationOf, signingKeyOf, unitHistoryOf, type UnitRows } from './registry-view.rows';
import {
  holdersOn,
  inChargeOfOn,
  pairingOn,
  portfoliosOn,
  principalLeaderOn,
  teamOn,
  unitOn,
  type Holder,
  type Pairing,
  type PortfolioOnDay,
  type TeamMember,
  type UnitHistory,
  type UnitOnDay,
} from './unit-history';

export const REGISTRY_NOT_CAUGHT_UP = 'REGISTRY.NOT_CAUGHT_UP';

/** The view has not seen the unit or person yet: its consumer is behind the registry (409, worth retrying). */
export function notCaughtUp(what: 'unit' | 'person', key: string): DomainError {
  return new DomainError(
    REGISTRY_NOT_CAUGHT_UP,
    `The registry view has not caught up: it has no ${what} ${key} yet.`,
    'conflict',
    what === 'unit' ? { unitCode: key } : { staffNumber: key },
  );
}

/**
 * The registry as of any day, answered from this service's own projection of `registry.events.v1`.
 * Days are `YYYY-MM-DD` (China Standard Time); a malformed day is `DATE.INVALID` (422).
 * A unit or person the view has never seen is `REGISTRY.NOT_CAUGHT_UP` (409). A unit the view knows
 * that did not exist on the day answers `undefined` (or an empty list): a clear "not on that day".
 */
@Injectable()
export class RegistryView {
  constructor(private readonly dataSource: DataSource) {}

  /** Name, kind, level, parent and jurisdiction on the day; undefined if the unit did not exist then. */
  unitOn(code: string, day: string): Promise<UnitOnDay | undefined> {
    return this.read(day, async (view) => unitOn(await view.unit(code), day));
  }

  /** Who held the post on the day, acting holders included, in the registry's order. */
  holdersOn(unitCode: string, post: string, day: string): Promise<readonly Holder[]> {
    return this.read(day, async (view) => holdersOn(await view.unit(unitCode), post, day));
  }

  principalLeaderOn(unitCode: string, day: string): Promise<Holder | undefined> {
    return this.read(day, async (view) => principalLeaderOn(await view.unit(unitCode), day));
  }

  /** Every appointment in force in the unit on the day, with the portfolio each held that day. */
  teamOn(unitCode: string, day: string): Promise<readonly TeamMember[]> {
    return this.read(day, async (view) => teamOn(await view.unit(unitCode), day));
  }

  /** The commission or inspection group supervising the committee on the day. */
  pairedCommissionOn(committeeCode: string, day: string): Promise<Pairing | undefined> {
    return this.read(day, async (view) => pairingOn(await view.unit(committeeCode), day));
  }

  /** Who was in charge of (分管/联系) the unit on the day, in any unit's team. */
  inChargeOf(unitCode: string, day: string): Promise<readonly PortfolioOnDay[]> {
    return this.read(day, async (view) => {
      await view.unit(unitCode);
      const holders = await view.units(await view.portfolioHolderUnits(unitCode));
      return [...holders.values()].flatMap((unit) => inChargeOfOn(unit, unitCode, day));
    });
  }

  /** The registry's responsibility chain of the unit on the day; undefined if the unit did not exist then. */
  responsibilityChainOn(unitCode: string, day: string): Promise<ResponsibilityChain | undefined> {
    return this.read(day, async (view) => {
      await view.unit(unitCode);
      const holderUnits = await view.portfolioHolderUnits(unitCode);
      const units = await view.unitsAround([unitCode, ...holderUnits]);
      return responsibilityChain((code) => units.get(code), unitCode, day, holderUnits);
    });
  }

  /** The person's name on the day (the registered name before any dated rename). */
  personOn(staffNumber: string, day: string): Promise<PersonOnDay> {
    return this.read(day, async (view) => {
      const person = await view.person(staffNumber);
      return personOn(personHistoryOf(person, await view.manager.findBy(RvPersonName, { staffNumber })), day);
    });
  }

  /** The posts the person held on the day, in every unit, with the portfolio of each that day. */
  postsHeldOn(staffNumber: string, day: string): Promise<readonly TeamMember[]> {
    return this.read(day, async (view) => {
      await view.person(staffNumber);
      const rows = await view.manager.find(RvAppointment, { where: { staffNumber }, select: { unitCode: true } });
      const units = await view.units(rows.map((row) => row.unitCode));
      return [...units.values()].flatMap((unit) => teamOn(unit, day).filter((member) => member.staffNumber === staffNumber));
    });
  }

  /** The portfolios the person held on the day: the units they were in charge of. */
  portfoliosOn(staffNumber: string, day: string): Promise<readonly PortfolioOnDay[]> {
    return this.read(day, async (view) => {
      await view.person(staffNumber);
      const rows = await view.manager.find(RvPortfolio, { where: { staffNumber }, select: { holderUnitCode: true } });
      const units = await view.units(rows.map((row) => row.holderUnitCode));
      return [...units.values()].flatMap((unit) => portfoliosOn(unit, day).filter((p) => p.staffNumber === staffNumber));
    });
  }

  /** The keys a signature dated on the day must verify against, oldest first. */
  keysValidOn(staffNumber: string, day: string): Promise<readonly SigningKey[]> {
    return this.read(day, async (view) => {
      await view.person(staffNumber);
      const rows = await view.manager.find(RvSigningKey, { where: { staffNumber }, order: { validFrom: 'ASC', fingerprint: 'ASC' } });
      return rows.map(signingKeyOf).filter((key) => isKeyValidOn(key, day));
    });
  }

  /**
   * The key with this fingerprint and its validity (`from`, `revokedFrom`: check a day with
   * `isKeyValidOn`), or undefined if the view knows no such key.
   */
  async keyByFingerprint(fingerprint: string): Promise<SigningKey | undefined> {
    const row = await this.dataSource.manager.findOneBy(RvSigningKey, { fingerprint });
    return row ? signingKeyOf(row) : undefined;
  }

  /** The relations the person had declared that held on the day, for conflict-of-interest (回避) checks. */
  relationsOn(staffNumber: string, day: string): Promise<readonly Relation[]> {
    return this.read(day, async (view) => {
      await view.person(staffNumber);
      const rows = await view.manager.find(RvRelation, { where: { staffNumber }, order: { effectiveFrom: 'ASC' } });
      return rows.map(relationOf).filter((relation) => relationHoldsOn(relation, day));
    });
  }

  /** The unit's whole effective-dated history, for rules of the caller's own. */
  unitHistory(code: string): Promise<UnitHistory> {
    return this.dataSource.manager.transaction('REPEATABLE READ', (manager) => new Snapshot(manager).unit(code));
  }

  /** One answer from one snapshot: the inbox may be applying events meanwhile. */
  private read<T>(day: string, answer: (view: Snapshot) => Promise<T>): Promise<T> {
    requireDay(day, 'day');
    return this.dataSource.manager.transaction('REPEATABLE READ', (manager) => answer(new Snapshot(manager)));
  }
}

/**
 * A unit's rows as `UnitRows` (the entities' property names; days as `YYYY-MM-DD`, as the
 * entities read them), each table aggregated by its index on the unit's code.
 */
const UNIT_ROWS_SQL = `
SELECT json_build_object(
  'unit', json_build_object('code', u.code, 'kind', u.kind, 'level', u.level, 'jurisdictionCode', u.jurisdiction_code,
                            'registeredFrom', u.registered_from, 'dissolvedFrom', u.dissolved_from, 'dissolutionReason', u.dissolution_reason),
  'names', coalesce((SELECT json_agg(json_build_object('unitCode', n.unit_code, 'effectiveFrom', n.effective_from, 'name', n.name))
                       FROM rv_unit_names n WHERE n.unit_code = u.code), '[]'),
  'parents', coalesce((SELECT json_agg(json_build_object('unitCode', p.unit_code, 'effectiveFrom', p.effective_from, 'parentCode', p.parent_code))
                         FROM rv_unit_parents p WHERE p.unit_code = u.code), '[]'),
  'pairings', coalesce((SELECT json_agg(json_build_object('unitCode', p.unit_code, 'supervisorCode', p.supervisor_code,
                                                          'effectiveFrom', p.effective_from, 'supervisorKind', p.supervisor_kind,
                                                          'effectiveTo', p.effective_to, 'endReason', p.end_reason))
                          FROM rv_pairings p WHERE p.unit_code = u.code), '[]'),
  'appointments', coalesce((SELECT json_agg(json_build_object('appointmentId', a.appointment_id, 'unitCode', a.unit_code,
                                                              'staffNumber', a.staff_number, 'post', a.post, 'acting', a.acting,
                                                              'effectiveFrom', a.effective_from, 'effectiveTo', a.effective_to,
                                                              'endReason', a.end_reason, 'streamVersion', a.stream_version))
                              FROM rv_appointments a WHERE a.unit_code = u.code), '[]'),
  'portfolios', coalesce((SELECT json_agg(json_build_object('appointmentId', p.appointment_id, 'effectiveFrom', p.effective_from,
                                                            'coveredUnitCodes', p.covered_unit_codes, 'holderUnitCode', p.holder_unit_code,
                                                            'staffNumber', p.staff_number, 'effectiveTo', p.effective_to))
                            FROM rv_portfolios p WHERE p.holder_unit_code = u.code), '[]')
) AS rows
FROM rv_units u WHERE u.code = ANY($1::text[])`;

/** Reads over the `rv_*` tables within one transaction. */
class Snapshot {
  constructor(readonly manager: EntityManager) {}

  async unit(code: string): Promise<UnitHistory> {
    const unit = (await this.units([code])).get(code);
    if (!unit) throw notCaughtUp('unit', code);
    return unit;
  }

  async person(staffNumber: string): Promise<RvPerson> {
    const person = await this.manager.findOneBy(RvPerson, { staffNumber });
    if (!person) throw notCaughtUp('person', staffNumber);
    return person;
  }

  /** Units whose team members ever had a portfolio covering this unit. */
  async portfolioHolderUnits(coveredUnitCode: string): Promise<string[]> {
    const rows: { holder_unit_code: string }[] = await this.manager.query(
      'SELECT DISTINCT holder_unit_code FROM rv_portfolios WHERE $1 = ANY (covered_unit_codes) ORDER BY holder_unit_code',
      [coveredUnitCode],
    );
    return rows.map((row) => row.holder_unit_code);
  }

  /** The units reachable from `codes` through any parent or supervisor they ever had: all a chain can touch. */
  async unitsAround(codes: readonly string[]): Promise<Map<string, UnitHistory>> {
    const found = new Map<string, UnitHistory>();
    const asked = new Set(codes);
    let wanted = [...asked];
    while (wanted.length > 0) {
      const units = await this.units(wanted);
      const next = new Set<string>();
      for (const [code, unit] of units) {
        found.set(code, unit);
        unit.parents.forEach(({ parentCode }) => parentCode && next.add(parentCode));
        unit.pairings.forEach(({ supervisorCode }) => next.add(supervisorCode));
      }
      wanted = [...next].filter((code) => !asked.has(code));
      wanted.forEach((code) => asked.add(code));
    }
    return found;
  }

  /** Each unit's rows from every table in one statement: one round trip per call, whatever the history's length. */
  async units(codes: readonly string[]): Promise<Map<string, UnitHistory>> {
    if (codes.length === 0) return new Map();
    const rows: { rows: UnitRows }[] = await this.manager.query(UNIT_ROWS_SQL, [[...new Set(codes)]]);
    return new Map(rows.map(({ rows: unit }) => [unit.unit.code, unitHistoryOf(unit)]));
  }
}
