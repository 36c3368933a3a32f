import { fold } from '@app/domain';
import { personDecider, type PersonState } from '../people/person.decider';
import type { PersonEvent } from '../people/person.events';
import { unitDecider, type UnitState } from '../units/unit.decider';
import type { UnitEvent } from '../units/unit.events';
import {
  endKey,
  importedAppointmentId,
  makeKey,
  PHASES,
  planImport,
  registerPersonKey,
  type ImportRows,
  type PlanContext,
} from './import-plan';
import type { AppointmentInput, InputRow, PersonInput, UnitInput } from './import-sheets';

const unit = (row: number, values: Partial<UnitInput> & { code: string }): InputRow<'units'> => ({
  sheet: 'units',
  row,
  values: {
    name: `${values.code}单位`,
    kind: 'government_department',
    level: 'department',
    jurisdictionCode: '410105',
    effectiveFrom: '2020-01-01',
    ...values,
  },
});
const person = (row: number, staffNumber: string, values: Partial<PersonInput> = {}): InputRow<'people'> => ({
  sheet: 'people',
  row,
  values: { staffNumber, name: '张伟', gender: 'male', birthYear: 1970, ...values },
});
const appointment = (
  row: number,
  values: Partial<AppointmentInput> & { unitCode: string; staffNumber: string; post: string },
): InputRow<'appointments'> => ({
  sheet: 'appointments',
  row,
  values: { acting: false, effectiveFrom: '2021-01-01', ...values },
});

const rows = (given: Partial<ImportRows>): ImportRows => ({ units: [], people: [], appointments: [], ...given });

function context(given: { units?: UnitEvent[][]; people?: PersonEvent[][]; appliedKeys?: string[] } = {}): PlanContext {
  const units = new Map<string, UnitState>();
  for (const events of given.units ?? []) units.set((events[0].data as { unitCode: string }).unitCode, fold(unitDecider, events));
  const people = new Map<string, PersonState>();
  for (const events of given.people ?? []) people.set(events[0].data.staffNumber, fold(personDecider, events));
  return {
    units,
    people,
    appliedKeys: new Set(given.appliedKeys ?? []),
    now: new Date('2025-06-01T00:00:00Z'),
    actor: { personId: 'p-admin' },
  };
}

const registered = (code: string, kind = 'party_committee', parentCode: string | null = null): UnitEvent => ({
  type: 'UnitRegistered',
  data: {
    unitCode: code,
    name: `${code}单位`,
    kind: kind as never,
    level: 'district',
    parentCode,
    jurisdictionCode: '410105',
    effectiveFrom: '2020-01-01',
  },
});
const personRegistered = (staffNumber: string, name = '张伟'): PersonEvent => ({
  type: 'PersonRegistered',
  data: { staffNumber, name, gender: 'male', birthYear: 1970, contact: {} },
});

describe('planning an import', () => {
  it('registers parents before children whatever the row order, pairs, then people and appointments', () => {
    const plan = planImport(
      rows({
        units: [
          unit(2, { code: 'EDU', parentCode: 'QW' }),
          unit(3, { code: 'JW', kind: 'discipline_commission', level: 'district', parentCode: 'QW' }),
          unit(4, { code: 'SCHOOL', kind: 'enterprise_institution', parentCode: 'EDU' }),
          unit(5, { code: 'QW', kind: 'party_committee', level: 'district', supervisorCode: 'JW' }),
        ],
        people: [person(2, 'P1')],
        appointments: [appointment(2, { unitCode: 'QW', staffNumber: 'P1', post: 'principal_leader' })],
      }),
      context(),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.steps.map((s) => [s.command.type, s.streamId, s.phase])).toEqual([
      ['RegisterUnit', 'unit-QW', 0],
      ['RegisterUnit', 'unit-EDU', 1],
      ['RegisterUnit', 'unit-JW', 1],
      ['RegisterUnit', 'unit-SCHOOL', 2],
      ['PairUnit', 'unit-QW', PHASES.pairings],
      ['RegisterPerson', 'person-P1', PHASES.people],
      ['MakeAppointment', 'unit-QW', PHASES.appointments],
    ]);
    expect(plan.steps[4].command.data).toMatchObject({
      counterpartCode: 'JW',
      counterpartKind: 'discipline_commission',
      effectiveFrom: '2020-01-01',
    });
    expect(plan).toMatchObject({ changedRows: 6, unchangedRows: 0 });
  });

  it('makes and ends appointments oldest first per unit, so a successor may come first in the file', () => {
    const plan = planImport(
      rows({
        units: [unit(2, { code: 'QW', kind: 'party_committee', level: 'district' })],
        people: [person(2, 'NEW'), person(3, 'OLD')],
        appointments: [
          appointment(2, { unitCode: 'QW', staffNumber: 'NEW', post: 'principal_leader', effectiveFrom: '2025-01-01' }),
          appointment(3, {
            unitCode: 'QW',
            staffNumber: 'OLD',
            post: 'principal_leader',
            effectiveFrom: '2020-01-01',
            effectiveTo: '2024-12-31',
            endReason: 'transferred',
          }),
        ],
      }),
      context(),
    );
    expect(plan.errors).toEqual([]);
    const old = importedAppointmentId({ unitCode: 'QW', staffNumber: 'OLD', post: 'principal_leader', effectiveFrom: '2020-01-01' });
    expect(
      plan.steps
        .filter((s) => s.phase === PHASES.appointments)
        .map((s) => [s.command.type, s.row, (s.command.data as { appointmentId: string }).appointmentId === old]),
    ).toEqual([
      ['MakeAppointment', 3, true],
      ['EndAppointment', 3, true],
      ['MakeAppointment', 2, false],
    ]);
  });

  it('names every bad row with its row number, column and the rule it breaks, and plans nothing', () => {
    const plan = planImport(
      rows({
        units: [
          unit(2, { code: 'QW', kind: 'party_committee', level: 'district' }),
          unit(3, { code: 'BAD', kind: 'ministry' }),
          unit(4, { code: 'ORPHAN', parentCode: 'NOWHERE' }),
          unit(5, { code: 'QW2', kind: 'party_committee', level: 'district', supervisorCode: 'QW' }),
        ],
        people: [person(2, 'P1'), person(3, 'P2', { birthYear: 1850 })],
        appointments: [
          appointment(2, { unitCode: 'QW', staffNumber: 'P1', post: 'principal_leader' }),
          appointment(3, { unitCode: 'QW', staffNumber: 'P1', post: 'department_head' }),
          appointment(4, { unitCode: 'QW', staffNumber: 'GHOST', post: 'team_member' }),
          appointment(5, { unitCode: 'BAD', staffNumber: 'P1', post: 'team_member' }),
          appointment(6, { unitCode: 'QW', staffNumber: 'P2', post: 'team_member' }),
          appointment(7, { unitCode: 'QW', staffNumber: 'P1', post: 'team_member', effectiveTo: '2020-06-30', endReason: 'retired' }),
        ],
      }),
      context(),
    );
    expect(plan.steps).toEqual([]);
    expect(plan.errors.map((e) => [e.sheet, e.row, e.column, e.code])).toEqual([
      ['units', 3, 'kind', 'UNIT.INVALID_KIND'],
      ['units', 4, 'parentCode', 'UNIT.PARENT_NOT_FOUND'],
      ['units', 5, 'supervisorCode', 'PAIRING.INVALID_KINDS'],
      ['people', 3, 'birthYear', 'PERSON.INVALID_BIRTH_YEAR'],
      ['appointments', 3, 'post', 'APPOINTMENT.POST_NOT_IN_UNIT_KIND'],
      ['appointments', 4, 'staffNumber', 'PERSON.NOT_FOUND'],
      ['appointments', 5, 'unitCode', 'IMPORT.DEPENDS_ON_FAILED_ROW'],
      ['appointments', 6, 'staffNumber', 'IMPORT.DEPENDS_ON_FAILED_ROW'],
      ['appointments', 7, 'effectiveTo', 'APPOINTMENT.END_BEFORE_START'],
    ]);
    expect(plan.errors.find((e) => e.row === 5 && e.sheet === 'appointments')?.message).toContain('units row 3');
  });

  it('flags a row repeated in the file, naming the row it repeats', () => {
    const plan = planImport(rows({ people: [person(2, 'P1'), person(3, 'P2'), person(4, 'P1')] }), context());
    expect(plan.errors).toEqual([{ sheet: 'people', row: 4, code: 'IMPORT.DUPLICATE_ROW', message: 'row 4 repeats row 2' }]);
  });

  it('refuses two people with one staff number, and a circle of parents', () => {
    const plan = planImport(
      rows({
        units: [unit(2, { code: 'A', parentCode: 'B' }), unit(3, { code: 'B', parentCode: 'A' }), unit(4, { code: 'C', parentCode: 'C' })],
        people: [person(2, 'P1'), person(3, 'P1', { name: '李娜' })],
      }),
      context(),
    );
    expect(plan.errors.map((e) => [e.sheet, e.row, e.code])).toEqual([
      ['units', 2, 'UNIT.CYCLE'],
      ['units', 3, 'UNIT.CYCLE'],
      ['units', 4, 'UNIT.CYCLE'],
      ['people', 3, 'PERSON.DUPLICATE_STAFF_NUMBER'],
    ]);
  });

  it('counts rows whose facts the registry already holds as unchanged, and refuses ones it holds differently', () => {
    const plan = planImport(
      rows({
        units: [
          unit(2, { code: 'QW', kind: 'party_committee', level: 'district' }),
          unit(3, { code: 'JW', name: '另一个名字', kind: 'discipline_commission', level: 'district' }),
        ],
        people: [person(2, 'P1'), person(3, 'P2', { name: '王芳' })],
        appointments: [appointment(2, { unitCode: 'QW', staffNumber: 'P1', post: 'principal_leader', effectiveFrom: '2020-01-01' })],
      }),
      context({
        units: [
          [
            registered('QW'),
            {
              type: 'AppointmentMade',
              data: {
                unitCode: 'QW',
                appointmentId: '11111111-1111-4111-8111-111111111111',
                staffNumber: 'P1',
                post: 'principal_leader',
                acting: false,
                effectiveFrom: '2020-01-01',
              },
            },
          ],
          [registered('JW', 'discipline_commission')],
        ],
        people: [[personRegistered('P1')], [personRegistered('P2', '王五')]],
      }),
    );
    expect(plan.errors.map((e) => [e.sheet, e.row, e.code, e.message])).toEqual([
      ['units', 3, 'UNIT.DUPLICATE_CODE', 'unit JW is already registered with name JW单位 (the file says 另一个名字)'],
      ['people', 3, 'PERSON.DUPLICATE_STAFF_NUMBER', 'staff number P2 is already registered with name 王五 (the file says 王芳)'],
    ]);
    const withoutConflicts = planImport(
      rows({
        units: [unit(2, { code: 'QW', kind: 'party_committee', level: 'district' })],
        people: [person(2, 'P1')],
        appointments: [appointment(2, { unitCode: 'QW', staffNumber: 'P1', post: 'principal_leader', effectiveFrom: '2020-01-01' })],
      }),
      context({ units: [[registered('QW')]], people: [[personRegistered('P1')]] }),
    );
    expect(withoutConflicts).toMatchObject({ errors: [], changedRows: 1, unchangedRows: 2 });
  });

  it('ends an appointment the registry holds under another id, and leaves rows applied before alone', () => {
    const existingId = '11111111-1111-4111-8111-111111111111';
    const row = appointment(2, {
      unitCode: 'QW',
      staffNumber: 'P1',
      post: 'principal_leader',
      effectiveFrom: '2020-01-01',
      effectiveTo: '2024-12-31',
      endReason: 'transferred',
    });
    const made: UnitEvent = {
      type: 'AppointmentMade',
      data: {
        unitCode: 'QW',
        appointmentId: existingId,
        staffNumber: 'P1',
        post: 'principal_leader',
        acting: false,
        effectiveFrom: '2020-01-01',
      },
    };
    const plan = planImport(
      rows({ appointments: [row] }),
      context({ units: [[registered('QW'), made]], people: [[personRegistered('P1', '改过的名字')]] }),
    );
    expect(plan.steps.map((s) => [s.command.type, (s.command.data as { appointmentId: string }).appointmentId])).toEqual([
      ['EndAppointment', existingId],
    ]);

    const again = planImport(
      rows({ people: [person(2, 'P1')], appointments: [row] }),
      context({
        units: [[registered('QW'), made]],
        people: [[personRegistered('P1', '改过的名字')]],
        appliedKeys: [registerPersonKey(person(2, 'P1').values), makeKey(row.values), endKey(row.values)],
      }),
    );
    expect(again).toMatchObject({ errors: [], steps: [], changedRows: 0, unchangedRows: 2 });
  });

  it('names the failed row a row depends on when that row could not even be read', () => {
    const plan = planImport(
      rows({
        appointments: [appointment(2, { unitCode: 'QW', staffNumber: 'P1', post: 'principal_leader' })],
        unreadable: [{ sheet: 'units', row: 7, values: { code: 'QW' } }],
      }),
      context({ people: [[personRegistered('P1')]] }),
    );
    expect(plan.errors).toEqual([
      {
        sheet: 'appointments',
        row: 2,
        column: 'unitCode',
        code: 'IMPORT.DEPENDS_ON_FAILED_ROW',
        message: 'unit QW is in units row 7, which has errors',
      },
    ]);
  });

  it('needs an end reason with an end date, and no end reason without one', () => {
    const plan = planImport(
      rows({
        appointments: [
          appointment(2, { unitCode: 'QW', staffNumber: 'P1', post: 'team_member', effectiveTo: '2024-12-31' }),
          appointment(3, { unitCode: 'QW', staffNumber: 'P1', post: 'deputy_secretary', endReason: 'retired' }),
        ],
      }),
      context({ units: [[registered('QW')]], people: [[personRegistered('P1')]] }),
    );
    expect(plan.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'endReason', 'IMPORT.MISSING_VALUE'],
      [3, 'endReason', 'IMPORT.END_REASON_WITHOUT_END'],
    ]);
  });

  it('applies the rules of the HTTP path: no parent or supervisor dissolved or not yet there on the day', () => {
    const dissolved: UnitEvent = { type: 'UnitDissolved', data: { unitCode: 'OLD', effectiveFrom: '2021-01-01', reason: '机构改革' } };
    const plan = planImport(
      rows({
        units: [
          unit(2, { code: 'UNDER', parentCode: 'OLD', effectiveFrom: '2022-01-01' }),
          unit(3, { code: 'QWX', kind: 'party_committee', level: 'district', supervisorCode: 'GONEJW' }),
          unit(4, { code: 'EARLY', parentCode: 'LATE', effectiveFrom: '2019-01-01' }),
        ],
      }),
      context({
        units: [
          [registered('OLD'), dissolved],
          [
            registered('GONEJW', 'discipline_commission'),
            { ...dissolved, data: { ...dissolved.data, unitCode: 'GONEJW', effectiveFrom: '2019-06-01' } },
          ],
          [registered('LATE')],
        ],
      }),
    );
    expect(plan.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'parentCode', 'UNIT.PARENT_DISSOLVED'],
      [3, 'supervisorCode', 'PAIRING.SUPERVISOR_DISSOLVED'],
      [4, 'parentCode', 'UNIT.PARENT_NOT_YET_REGISTERED'],
    ]);
  });
});
