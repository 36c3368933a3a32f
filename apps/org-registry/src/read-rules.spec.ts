import { fold, type DomainError } from '@app/domain';
import type { Principal, Role } from '@app/platform';
import { personDecider, type RegisteredPerson } from './people/person.decider';
import { PERSON_QUERY_HANDLERS } from './people/person.query-handlers';
import type { PersonEvent } from './people/person.events';
import {
  assertHasRole,
  personView,
  READ_RULES,
  ReadRules,
  reachesUnit,
  readableUnits,
  readsPersonalDataOf,
  visibleAppointments,
  visibleRelations,
} from './read-rules';
import { unitDecider, type UnitState } from './units/unit.decider';
import type { UnitEvent } from './units/unit.events';
import { UNIT_QUERY_HANDLERS } from './units/unit.query-handlers';

const TODAY = '2025-06-01';

const registered = (unitCode: string, kind: string, parentCode: string | null, effectiveFrom = '2020-01-01'): UnitEvent =>
  ({
    type: 'UnitRegistered',
    data: { unitCode, name: unitCode, kind, level: 'district', parentCode, jurisdictionCode: '410105', effectiveFrom },
  }) as UnitEvent;
const paired = (unitCode: string, counterpartCode: string): UnitEvent => ({
  type: 'UnitPaired',
  data: { unitCode, counterpartCode, counterpartKind: 'discipline_commission', effectiveFrom: '2020-01-01' },
});
const moved = (unitCode: string, parentCode: string, previousParentCode: string, effectiveFrom: string): UnitEvent => ({
  type: 'UnitMoved',
  data: { unitCode, parentCode, previousParentCode, effectiveFrom },
});

/**
 * CITY ── CITY-JW, DIST ── DIST-JW, EDU ── NEXT (registered from 2099), GONE (dissolved 2023),
 * CAME (moved here from OTHER in 2022), LEAVING (moves to OTHER in 2099);
 * OTHER ── OTHER-JW; ENDED (its pairing with OTHER-JW ended in 2024).
 */
function world(): Map<string, UnitState> {
  const streams: Record<string, UnitEvent[]> = {
    CITY: [registered('CITY', 'party_committee', null), paired('CITY', 'CITY-JW')],
    'CITY-JW': [registered('CITY-JW', 'discipline_commission', 'CITY')],
    DIST: [registered('DIST', 'party_committee', 'CITY'), paired('DIST', 'DIST-JW')],
    'DIST-JW': [registered('DIST-JW', 'discipline_commission', 'DIST')],
    EDU: [registered('EDU', 'government_department', 'DIST')],
    NEXT: [registered('NEXT', 'government_department', 'EDU', '2099-01-01')],
    GONE: [
      registered('GONE', 'government_department', 'DIST'),
      { type: 'UnitDissolved', data: { unitCode: 'GONE', effectiveFrom: '2023-01-01', reason: '撤并' } },
    ],
    CAME: [registered('CAME', 'government_department', 'OTHER'), moved('CAME', 'DIST', 'OTHER', '2022-01-01')],
    LEAVING: [registered('LEAVING', 'government_department', 'DIST'), moved('LEAVING', 'OTHER', 'DIST', '2099-01-01')],
    OTHER: [registered('OTHER', 'party_committee', null), paired('OTHER', 'OTHER-JW')],
    'OTHER-JW': [registered('OTHER-JW', 'discipline_commission', 'OTHER')],
    ENDED: [
      registered('ENDED', 'party_group', null),
      paired('ENDED', 'OTHER-JW'),
      {
        type: 'UnitPairingEnded',
        data: { unitCode: 'ENDED', counterpartCode: 'OTHER-JW', effectiveTo: '2024-12-31', reason: 'reorganised' },
      },
    ],
  };
  return new Map(Object.entries(streams).map(([code, events]) => [code, fold(unitDecider, events)]));
}

const units = world();
const lookup = (code: string) => units.get(code);
const as = (roles: Role[], tokenUnits: string[] = [], personId = 'S-CALLER'): Principal => ({ personId, roles, units: tokenUnits });
const reached = (principal: Principal) => [...units.keys()].filter((code) => reachesUnit(principal, lookup, code, TODAY)).sort();

describe('read rules: which units a role reads (as the tree stands today)', () => {
  it('gives a token without a role nothing, with 403 AUTH.FORBIDDEN', () => {
    const nobody = as([], ['DIST']);
    expect(reached(nobody)).toEqual([]);
    expect(() => assertHasRole(nobody)).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN', kind: 'forbidden' }) as DomainError);
    expect(() => assertHasRole(as(['auditor']))).not.toThrow();
  });

  it('lets registry administrators and auditors read every unit, whatever their token lists', () => {
    expect(readableUnits(as(['registry_admin']), units, TODAY)).toBe('every');
    expect(readableUnits(as(['auditor']), units, TODAY)).toBe('every');
    expect(reachesUnit(as(['auditor']), lookup, 'NOT-REGISTERED', TODAY)).toBe(true);
  });

  it("lets a unit officer read its units and every unit under them today, including a dissolved unit's and a later one's", () => {
    expect(reached(as(['unit_officer'], ['DIST']))).toEqual(['CAME', 'DIST', 'DIST-JW', 'EDU', 'GONE', 'LEAVING', 'NEXT']);
    expect(reached(as(['unit_officer'], ['EDU']))).toEqual(['EDU', 'NEXT']);
    expect(reached(as(['unit_officer'], []))).toEqual([]);
  });

  it('decides by the tree of today: a unit moved in earlier is read, one moving out later is still read until then', () => {
    const otherOfficer = as(['unit_officer'], ['OTHER']);
    expect(reachesUnit(otherOfficer, lookup, 'CAME', TODAY)).toBe(false);
    expect(reachesUnit(otherOfficer, lookup, 'LEAVING', TODAY)).toBe(false);
    expect(reachesUnit(otherOfficer, lookup, 'LEAVING', '2099-06-01')).toBe(true);
  });

  it('does not give a unit officer of a commission the committee its commission supervises', () => {
    expect(reached(as(['unit_officer'], ['DIST-JW']))).toEqual(['DIST-JW']);
  });

  it('lets a commission officer read its own units, the committees its commission supervises today and every unit under them', () => {
    expect(reached(as(['commission_officer'], ['DIST-JW']))).toEqual(['CAME', 'DIST', 'DIST-JW', 'EDU', 'GONE', 'LEAVING', 'NEXT']);
    expect(reached(as(['commission_officer'], ['CITY-JW']))).toEqual(
      ['CAME', 'CITY', 'CITY-JW', 'DIST', 'DIST-JW', 'EDU', 'GONE', 'LEAVING', 'NEXT'].sort(),
    );
    expect(reached(as(['commission_officer'], ['OTHER-JW']))).toEqual(['OTHER', 'OTHER-JW']);
  });

  it('stops a commission reading a committee once their pairing has ended', () => {
    const officer = as(['commission_officer'], ['OTHER-JW']);
    expect(reachesUnit(officer, lookup, 'ENDED', '2024-12-30')).toBe(true);
    expect(reachesUnit(officer, lookup, 'ENDED', TODAY)).toBe(false);
  });

  it('unites the reach of several roles', () => {
    expect(reached(as(['unit_officer', 'commission_officer'], ['EDU', 'OTHER-JW']))).toEqual(['EDU', 'NEXT', 'OTHER', 'OTHER-JW']);
    expect(readableUnits(as(['unit_officer', 'auditor'], ['EDU']), units, TODAY)).toBe('every');
  });
});

describe('read rules: what of a person a role sees', () => {
  const events: PersonEvent[] = [
    {
      type: 'PersonRegistered',
      data: { staffNumber: 'S-1', name: '张伟', gender: 'male', birthYear: 1970, contact: { phone: '0371-12345678' } },
    },
    {
      type: 'RelationDeclared',
      data: {
        staffNumber: 'S-1',
        relationId: 'r-edu',
        kind: 'kinship',
        unitCode: 'EDU',
        kinship: 'spouse',
        effectiveFrom: '2020-01-01',
        note: '配偶在教育局',
      },
    },
    {
      type: 'RelationDeclared',
      data: { staffNumber: 'S-1', relationId: 'r-other', kind: 'former_post', unitCode: 'OTHER', effectiveFrom: '2019-01-01' },
    },
  ];
  const person = fold(personDecider, events) as RegisteredPerson;
  const view = (principal: Principal) => personView(principal, person, 3, (code) => reachesUnit(principal, lookup, code, TODAY));
  const fields = (principal: Principal) => Object.keys(view(principal)).sort();
  const BASE = ['name', 'signingKeys', 'staffNumber', 'version'];
  const PERSONAL = ['birthYear', 'contact', 'gender'];

  it('shows a registry administrator everything, relations with their notes included', () => {
    expect(fields(as(['registry_admin']))).toEqual([...BASE, ...PERSONAL, 'relations'].sort());
    expect(view(as(['registry_admin'])).relations).toEqual(person.relations);
    expect(view(as(['registry_admin'])).relations?.[0]).toMatchObject({ note: '配偶在教育局' });
  });

  it('shows auditors and unit officers name and keys only', () => {
    expect(fields(as(['auditor']))).toEqual(BASE);
    expect(fields(as(['unit_officer'], ['DIST']))).toEqual(BASE);
  });

  it('shows the person their own gender, birth year and contact, but not their declared relations', () => {
    for (const role of ['auditor', 'unit_officer', 'commission_officer'] as const) {
      expect(view(as([role], [], 'S-1'))).toMatchObject({ gender: 'male', birthYear: 1970, contact: { phone: '0371-12345678' } });
    }
    expect(fields(as(['unit_officer'], [], 'S-1'))).toEqual([...BASE, ...PERSONAL].sort());
    expect(readsPersonalDataOf(as([], [], 'S-1'), 'S-1')).toBe(false);
  });

  it('shows a commission officer the relations with units within its reach, with their notes', () => {
    expect(fields(as(['commission_officer'], ['DIST-JW']))).toEqual([...BASE, 'relations'].sort());
    expect(view(as(['commission_officer'], ['DIST-JW'])).relations).toEqual([
      expect.objectContaining({ relationId: 'r-edu', note: '配偶在教育局' }),
    ]);
    expect(view(as(['commission_officer'], ['OTHER-JW'])).relations).toEqual([expect.objectContaining({ relationId: 'r-other' })]);
    expect(visibleRelations(as(['commission_officer'], []), person.relations, () => false)).toEqual([]);
  });

  it("lists a person's appointments within the caller's reach, and all of one's own", () => {
    const history = [{ unitCode: 'EDU' }, { unitCode: 'OTHER' }, { unitCode: 'CITY' }];
    const within = (principal: Principal) =>
      visibleAppointments(principal, 'S-1', history, (code) => reachesUnit(principal, lookup, code, TODAY)).map((a) => a.unitCode);
    expect(within(as(['unit_officer'], ['DIST']))).toEqual(['EDU']);
    expect(within(as(['commission_officer'], ['CITY-JW']))).toEqual(['EDU', 'CITY']);
    expect(within(as(['auditor']))).toEqual(['EDU', 'OTHER', 'CITY']);
    expect(within(as(['unit_officer'], [], 'S-1'))).toEqual(['EDU', 'OTHER', 'CITY']);
  });

  it('has a rule for every role', () => {
    expect(Object.keys(READ_RULES).sort()).toEqual(['auditor', 'commission_officer', 'registry_admin', 'unit_officer']);
  });
});

describe('read rules: enforced in one place', () => {
  it('is asked by every query handler of the registry', () => {
    for (const handler of [...UNIT_QUERY_HANDLERS, ...PERSON_QUERY_HANDLERS]) {
      const injected = (Reflect.getMetadata('design:paramtypes', handler) ?? []) as unknown[];
      expect([handler.name, injected.includes(ReadRules)]).toEqual([handler.name, true]);
    }
  });
});
