import { Injectable } from '@nestjs/common';
import { chinaDay, DomainError } from '@app/domain';
import type { Principal, Role } from '@app/platform';
import type { RegisteredPerson, Relation } from './people/person.decider';
import type { AppointmentRow, PersonRow, UnitRow } from './read-models/read-model.entities';
import { RegistryQueries } from './read-models/registry.queries';
import { lineStandingToday, type UnitLookup } from './units/unit-directory';
import type { UnitState } from './units/unit.decider';
import { pairingOn } from './units/unit.queries';

/**
 * Who reads what in the registry: the rules as data, a few pure functions over them, and the
 * `ReadRules` injectable every query handler asks. A token without a role reads nothing (403).
 *
 * Every role reads person search, a person's name and signing keys (a sign-off is verified against
 * them) and the signing keys valid on a day. Units, their teams, post holders and responsibility
 * chains, the tree and the unit search are limited to the role's reach below; so is a person's
 * appointment history (appointments in units outside the reach are left out, except in one's own).
 * Reach is decided on the tree as it stands today, whatever day a query asks about.
 */
export interface RoleReadRule {
  /**
   * - `every_unit`: the whole registry;
   * - `own_units_and_below`: the units in the token and every unit under them;
   * - `own_units_below_and_supervised`: that, plus each Party committee or group paired today with
   *   a commission or inspection group in the token, and every unit under it.
   */
  readonly units: 'every_unit' | 'own_units_and_below' | 'own_units_below_and_supervised';
  /** Declared relations (kinship, former posts) with their notes: of everyone, only those with a unit within reach, or none. */
  readonly relations: 'every_person' | 'within_reach' | 'none';
  /** Gender, birth year and contact details: of everyone, or only one's own (`sub` is the staff number). */
  readonly personalData: 'every_person' | 'own';
}

export const READ_RULES: Readonly<Record<Role, RoleReadRule>> = {
  registry_admin: { units: 'every_unit', relations: 'every_person', personalData: 'every_person' },
  auditor: { units: 'every_unit', relations: 'none', personalData: 'own' },
  unit_officer: { units: 'own_units_and_below', relations: 'none', personalData: 'own' },
  commission_officer: { units: 'own_units_below_and_supervised', relations: 'within_reach', personalData: 'own' },
};

const rulesOf = (principal: Principal): RoleReadRule[] => principal.roles.map((role) => READ_RULES[role]);

/** 403 for a token without a role: it reads nothing. */
export function assertHasRole(principal: Principal): void {
  if (principal.roles.length === 0) {
    throw new DomainError('AUTH.FORBIDDEN', 'A token without a role reads nothing.', 'forbidden');
  }
}

export function readsEveryUnit(principal: Principal): boolean {
  return rulesOf(principal).some((rule) => rule.units === 'every_unit');
}

/** Whether the principal's roles reach the unit as the tree stands today. */
export function reachesUnit(principal: Principal, lookup: UnitLookup, code: string, today: string): boolean {
  const reaches = new Set(rulesOf(principal).map((rule) => rule.units));
  if (reaches.has('every_unit')) return true;
  if (reaches.size === 0) return false;
  const line = lineStandingToday(lookup, code, today);
  if (line.some((unit) => principal.units.includes(unit.code))) return true;
  return (
    reaches.has('own_units_below_and_supervised') &&
    line.some(({ state, day }) => {
      const supervisor = pairingOn(state, day)?.counterpartCode;
      return supervisor !== undefined && principal.units.includes(supervisor);
    })
  );
}

/** The codes of the units the principal reads, or `every` for the whole registry. */
export function readableUnits(principal: Principal, units: ReadonlyMap<string, UnitState>, today: string): ReadonlySet<string> | 'every' {
  if (readsEveryUnit(principal)) return 'every';
  const lookup: UnitLookup = (code) => units.get(code);
  return new Set([...units.keys()].filter((code) => reachesUnit(principal, lookup, code, today)));
}

export function readsPersonalDataOf(principal: Principal, staffNumber: string): boolean {
  return rulesOf(principal).some((rule) => rule.personalData === 'every_person' || principal.personId === staffNumber);
}

/** The relations the principal may see, or `undefined` when it sees none (the field is left out). */
export function visibleRelations(
  principal: Principal,
  relations: readonly Relation[],
  reaches: (unitCode: string) => boolean,
): readonly Relation[] | undefined {
  const kinds = new Set(rulesOf(principal).map((rule) => rule.relations));
  if (kinds.has('every_person')) return relations;
  if (kinds.has('within_reach')) return relations.filter((relation) => reaches(relation.unitCode));
  return undefined;
}

export interface PersonView {
  readonly staffNumber: string;
  readonly name: string;
  readonly version: number;
  readonly gender?: RegisteredPerson['gender'];
  readonly birthYear?: number | null;
  /** When the personal data was erased, and on what legal basis. */
  readonly personalDataErased?: RegisteredPerson['personalDataErased'];
  readonly contact?: RegisteredPerson['contact'];
  readonly signingKeys: RegisteredPerson['keys'];
  readonly relations?: readonly Relation[];
}

/** A person as the principal may see them: name and keys for every role, the rest by {@link READ_RULES}. */
export function personView(
  principal: Principal,
  person: RegisteredPerson,
  version: number,
  reaches: (unitCode: string) => boolean,
): PersonView {
  const { staffNumber, name, gender, birthYear, contact, keys } = person;
  const erased = person.personalDataErased ? { personalDataErased: person.personalDataErased } : {};
  const personal = readsPersonalDataOf(principal, staffNumber) ? { gender, birthYear, contact, ...erased } : {};
  const relations = visibleRelations(principal, person.relations, reaches);
  return { staffNumber, name, version, ...personal, signingKeys: keys, ...(relations === undefined ? {} : { relations }) };
}

/** The appointments of `staffNumber` the principal may see: all of one's own, otherwise those in units within reach. */
export function visibleAppointments<A extends { readonly unitCode: string }>(
  principal: Principal,
  staffNumber: string,
  appointments: readonly A[],
  reaches: (unitCode: string) => boolean,
): A[] {
  if (principal.personId === staffNumber || readsEveryUnit(principal)) return [...appointments];
  return appointments.filter((appointment) => reaches(appointment.unitCode));
}

/** The read rules against the registry's read models, as of today. Every query handler goes through here. */
@Injectable()
export class ReadRules {
  constructor(private readonly queries: RegistryQueries) {}

  /** 403 for a token without a role. */
  assertMayRead(principal: Principal): void {
    assertHasRole(principal);
  }

  /** The unit's row: 403 without a role, 404 when there is no such unit, 403 when it is outside the principal's reach. */
  async readableUnit(principal: Principal, code: string): Promise<UnitRow> {
    assertHasRole(principal);
    const row = await this.queries.unit(code);
    if (!row) throw new DomainError('UNIT.NOT_FOUND', `No unit with code ${code}.`, 'not_found', { unitCode: code });
    if (!readsEveryUnit(principal) && !reachesUnit(principal, await this.queries.unitLookup([code]), code, today())) {
      throw new DomainError('AUTH.FORBIDDEN', `Unit ${code} is outside the units you read.`, 'forbidden', { unit: code });
    }
    return row;
  }

  /** The codes of the units the principal reads, or `every`. */
  async readableUnits(principal: Principal): Promise<ReadonlySet<string> | 'every'> {
    assertHasRole(principal);
    if (readsEveryUnit(principal)) return 'every';
    return readableUnits(principal, await this.queries.unitStates(), today());
  }

  /** The person's row as the principal may see it (404 when there is no such person). */
  async person(principal: Principal, staffNumber: string): Promise<PersonView> {
    const row = await this.readablePerson(principal, staffNumber);
    const reaches = await this.reach(
      principal,
      row.state.relations.map((relation) => relation.unitCode),
    );
    return personView(principal, row.state, row.version, reaches);
  }

  /** The person's row, for reads every role may make (name, signing keys): 403 without a role, 404 when absent. */
  async readablePerson(principal: Principal, staffNumber: string): Promise<PersonRow> {
    assertHasRole(principal);
    const row = await this.queries.person(staffNumber);
    if (!row) throw new DomainError('PERSON.NOT_FOUND', `No person with staff number ${staffNumber}.`, 'not_found');
    return row;
  }

  async appointmentsOf(principal: Principal, staffNumber: string): Promise<AppointmentRow[]> {
    await this.readablePerson(principal, staffNumber);
    const appointments = await this.queries.appointmentsOf(staffNumber);
    const reaches = await this.reach(
      principal,
      appointments.map((appointment) => appointment.unitCode),
    );
    return visibleAppointments(principal, staffNumber, appointments, reaches);
  }

  /** Whether each of these units is within the principal's reach, loading only the units around them. */
  private async reach(principal: Principal, codes: readonly string[]): Promise<(unitCode: string) => boolean> {
    if (readsEveryUnit(principal) || codes.length === 0) return () => true;
    const lookup = await this.queries.unitLookup(codes);
    const day = today();
    return (code) => reachesUnit(principal, lookup, code, day);
  }
}

function today(): string {
  return chinaDay(new Date());
}
