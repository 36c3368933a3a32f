import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/crypto';
import { DomainError, type Actor, type CommandMetadata } from '@app/domain';
import { idFromKey } from '@app/kit';
import { personDecider, type PersonState, type RegisteredPerson } from '../people/person.decider';
import { personStreamId, type PersonCommand } from '../people/person.commands';
import type { PersonRegistered } from '../people/person.events';
import { unitDecider, type UnitState } from '../units/unit.decider';
import { unitStreamId, type UnitCommand } from '../units/unit.commands';
import type { UnitEvent, UnitRegistered } from '../units/unit.events';
import { isUnitCode } from '../units/unit-kinds';
import { requireLiveOn, type UnitLookup } from '../units/unit-directory';
import type { AppointmentInput, ImportIssue, InputRow, PersonInput, SheetName, UnitInput } from './import-sheets';

/**
 * Turns the rows of an import into registry commands and checks every one with the real deciders,
 * against the registry as it is plus the rows before it — without writing anything. Pure.
 *
 * Order: units parents first (whatever the row order), then pairings, people, and appointments
 * oldest first per unit, each ended right after it is made. A row whose step was applied before
 * (its idempotency key is known) or whose fact already holds is `unchanged`, not decided again.
 */

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;
export type StepCommand = WithoutMetadata<UnitCommand> | WithoutMetadata<PersonCommand>;

export interface PlannedStep {
  readonly sheet: SheetName;
  readonly row: number;
  /** Idempotency key of the step, derived from the row's content. */
  readonly key: string;
  readonly streamId: string;
  /** Phases run in order; within one, steps of different streams are independent. */
  readonly phase: number;
  readonly command: StepCommand;
}

export interface PlanContext {
  /** Units as the read model holds them, by code. */
  readonly units: ReadonlyMap<string, UnitState>;
  /** The people the rows name, as the read model holds them, by staff number. */
  readonly people: ReadonlyMap<string, PersonState>;
  /** Keys of import steps already applied to the log. */
  readonly appliedKeys: ReadonlySet<string>;
  readonly now: Date;
  readonly actor: Actor;
}

export interface ImportPlan {
  /** What to apply, in order. Empty when there are errors. */
  readonly steps: readonly PlannedStep[];
  readonly changedRows: number;
  readonly unchangedRows: number;
  readonly errors: readonly ImportIssue[];
}

export const PHASES = { pairings: 1_000, people: 2_000, appointments: 3_000 } as const;

export interface ImportRows {
  readonly units: readonly InputRow<'units'>[];
  readonly people: readonly InputRow<'people'>[];
  readonly appointments: readonly InputRow<'appointments'>[];
  /** Rows the parser could not read (already reported): rows naming them depend on a failed row. */
  readonly unreadable?: readonly { readonly sheet: SheetName; readonly row: number; readonly values: Readonly<Record<string, unknown>> }[];
}

export function planImport(rows: ImportRows, context: PlanContext): ImportPlan {
  return new Planner(context).plan(rows);
}

/** Every idempotency key the rows could use, to look up which were applied before planning. */
export function candidateKeys(rows: ImportRows): string[] {
  return [
    ...rows.units.flatMap((r) => [registerUnitKey(r.values), ...(r.values.supervisorCode ? [pairKey(r.values)] : [])]),
    ...rows.people.map((r) => registerPersonKey(r.values)),
    ...rows.appointments.flatMap((r) => [makeKey(r.values), ...(r.values.effectiveTo ? [endKey(r.values)] : [])]),
  ];
}

export const registerUnitKey = (u: UnitInput) =>
  stepKey('units', 'register', {
    code: u.code,
    name: u.name,
    kind: u.kind,
    level: u.level,
    parentCode: u.parentCode,
    jurisdictionCode: u.jurisdictionCode,
    effectiveFrom: u.effectiveFrom,
  });
export const pairKey = (u: UnitInput) =>
  stepKey('units', 'pair', { code: u.code, supervisorCode: u.supervisorCode, effectiveFrom: u.effectiveFrom });
export const registerPersonKey = (p: PersonInput) => stepKey('people', 'register', { ...p });
export const makeKey = (a: AppointmentInput) =>
  stepKey('appointments', 'make', {
    unitCode: a.unitCode,
    staffNumber: a.staffNumber,
    post: a.post,
    acting: a.acting,
    effectiveFrom: a.effectiveFrom,
  });
export const endKey = (a: AppointmentInput) =>
  stepKey('appointments', 'end', {
    unitCode: a.unitCode,
    staffNumber: a.staffNumber,
    post: a.post,
    effectiveFrom: a.effectiveFrom,
    effectiveTo: a.effectiveTo,
    endReason: a.endReason,
    endNote: a.endNote,
  });

/** The id of an imported appointment: the same unit, person, post and first day give the same id. */
export function importedAppointmentId(a: Pick<AppointmentInput, 'unitCode' | 'staffNumber' | 'post' | 'effectiveFrom'>): string {
  return idFromKey(a.unitCode, `import:${a.staffNumber}|${a.post}|${a.effectiveFrom}`);
}

function stepKey(sheet: SheetName, step: string, values: Record<string, unknown>): string {
  return `import:${sheet}:${step}:${createHash('sha256').update(canonicalJson(values)).digest('hex')}`;
}

type RowOutcome = 'unchanged' | 'changed' | 'failed';

class Planner {
  private readonly units: Map<string, UnitState>;
  private readonly people: Map<string, PersonState>;
  private readonly steps: PlannedStep[] = [];
  private readonly errors: ImportIssue[] = [];
  private readonly outcomes = new Map<string, RowOutcome>();
  /** Rows of this file that register a unit or person, by code: to name them when they fail. */
  private readonly unitRows = new Map<
    string,
    { readonly row: number; readonly values: { readonly code: string; readonly parentCode?: string } }
  >();
  private readonly personRows = new Map<string, { readonly row: number }>();

  private readonly lookup: UnitLookup = (code) => this.units.get(code);

  constructor(private readonly context: PlanContext) {
    this.units = new Map(context.units);
    this.people = new Map(context.people);
  }

  plan(rows: ImportRows): ImportPlan {
    const units = this.withoutDuplicates(rows.units);
    const people = this.withoutDuplicates(rows.people);
    const appointments = this.withoutDuplicates(rows.appointments);
    for (const row of units) if (!this.unitRows.has(row.values.code)) this.unitRows.set(row.values.code, row);
    for (const row of people) if (!this.personRows.has(row.values.staffNumber)) this.personRows.set(row.values.staffNumber, row);
    for (const { sheet, row, values } of rows.unreadable ?? []) {
      if (sheet === 'units' && typeof values.code === 'string' && !this.unitRows.has(values.code))
        this.unitRows.set(values.code, { row, values: { code: values.code } });
      if (sheet === 'people' && typeof values.staffNumber === 'string' && !this.personRows.has(values.staffNumber))
        this.personRows.set(values.staffNumber, { row });
    }

    const ordered = this.parentsFirst(units);
    for (const { row, depth } of ordered) this.registerUnit(row, depth);
    for (const { row } of ordered) if (row.values.supervisorCode) this.pairUnit(row);
    for (const row of people) this.registerPerson(row);
    const oldestFirst = [...appointments].sort((a, b) => a.values.effectiveFrom.localeCompare(b.values.effectiveFrom) || a.row - b.row);
    for (const row of oldestFirst) this.appoint(row);

    const outcomes = [...this.outcomes.values()];
    const failed = this.errors.length > 0;
    return {
      steps: failed ? [] : this.steps,
      changedRows: outcomes.filter((o) => o === 'changed').length,
      unchangedRows: outcomes.filter((o) => o === 'unchanged').length,
      errors: [...this.errors].sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || (a.row ?? 0) - (b.row ?? 0)),
    };
  }

  private withoutDuplicates<S extends SheetName>(rows: readonly InputRow<S>[]): InputRow<S>[] {
    const seen = new Map<string, number>();
    return rows.filter((row) => {
      const content = canonicalJson(row.values);
      const first = seen.get(content);
      if (first === undefined) {
        seen.set(content, row.row);
        this.outcomes.set(rowId(row), 'unchanged');
        return true;
      }
      this.fail(row, { code: 'IMPORT.DUPLICATE_ROW', message: `row ${row.row} repeats row ${first}` });
      return false;
    });
  }

  /** Units ordered so that a parent in the file comes before its children; cycles are errors. */
  private parentsFirst(rows: readonly InputRow<'units'>[]): { row: InputRow<'units'>; depth: number }[] {
    const depths = new Map<string, number | null>();
    const depthOf = (code: string, path: string[]): number | null => {
      if (depths.has(code)) return depths.get(code)!;
      const row = this.unitRows.get(code);
      const parent = row?.values.parentCode;
      if (!row || !parent || !this.unitRows.has(parent)) return depths.set(code, 0).get(code)!;
      if (path.includes(code)) return null;
      const above = depthOf(parent, [...path, code]);
      const depth = above === null ? null : above + 1;
      depths.set(code, depth);
      return depth;
    };
    const ordered: { row: InputRow<'units'>; depth: number }[] = [];
    for (const row of rows) {
      const depth = depthOf(row.values.code, []);
      if (depth === null) {
        this.fail(row, {
          column: 'parentCode',
          code: 'UNIT.CYCLE',
          message: `the parent line of ${row.values.code} runs in a circle through the parentCode column of this file`,
        });
      } else {
        ordered.push({ row, depth });
      }
    }
    return ordered.sort((a, b) => a.depth - b.depth || a.row.row - b.row.row);
  }

  private registerUnit(row: InputRow<'units'>, depth: number): void {
    const u = row.values;
    if (u.parentCode && !this.unitKnown(row, u.parentCode, 'parentCode', 'UNIT.PARENT_NOT_FOUND')) return;
    if (this.context.appliedKeys.has(registerUnitKey(u))) return;
    // The same rule the command handler applies: a parent dissolved or not yet registered on the day is refused.
    if (u.parentCode && !this.attempt(row, () => requireLiveOn(this.lookup, u.parentCode!, u.effectiveFrom, 'UNIT.PARENT'), 'parentCode')) {
      return;
    }
    const command: UnitCommand = {
      type: 'RegisterUnit',
      data: {
        unitCode: u.code,
        name: u.name,
        kind: u.kind,
        level: u.level,
        parentCode: u.parentCode ?? null,
        jurisdictionCode: u.jurisdictionCode,
        effectiveFrom: u.effectiveFrom,
      },
      metadata: this.metadata(u.code),
    };
    const existing = this.units.get(u.code);
    if (existing && existing.status !== 'absent') {
      const registered = this.decideUnit(row, command, unitDecider.initialState(), false)?.[0] as UnitRegistered | undefined;
      if (!registered) return;
      const differences = registrationDifferences(existing, registered.data);
      if (differences.length > 0) {
        this.fail(row, {
          column: 'code',
          code: 'UNIT.DUPLICATE_CODE',
          message: `unit ${u.code} is already registered with ${differences.join(', ')}`,
        });
      }
      return;
    }
    this.decideUnit(row, command, existing ?? unitDecider.initialState(), true, { key: registerUnitKey(u), phase: depth });
  }

  private pairUnit(row: InputRow<'units'>): void {
    const u = row.values;
    const supervisorCode = u.supervisorCode!;
    if (this.outcomes.get(rowId(row)) === 'failed') return;
    if (!this.unitKnown(row, supervisorCode, 'supervisorCode', 'UNIT.SUPERVISOR_NOT_FOUND')) return;
    if (!this.unitKnown(row, u.code, 'code', 'UNIT.NOT_FOUND')) return;
    if (this.context.appliedKeys.has(pairKey(u))) return;
    const unit = this.present(u.code)!;
    const supervisor = this.present(supervisorCode)!;
    if (unit.pairings.some((p) => p.counterpartCode === supervisorCode && p.to === undefined)) return;
    const effectiveFrom = unit.registeredFrom > supervisor.registeredFrom ? unit.registeredFrom : supervisor.registeredFrom;
    const live = () => requireLiveOn(this.lookup, supervisorCode, effectiveFrom, 'PAIRING.SUPERVISOR');
    if (!this.attempt(row, live, 'supervisorCode')) return;
    const command: UnitCommand = {
      type: 'PairUnit',
      data: { unitCode: u.code, counterpartCode: supervisorCode, counterpartKind: supervisor.kind, effectiveFrom },
      metadata: this.metadata(u.code),
    };
    this.decideUnit(row, command, unit, true, { key: pairKey(u), phase: PHASES.pairings }, 'supervisorCode');
  }

  private registerPerson(row: InputRow<'people'>): void {
    const p = row.values;
    if (this.context.appliedKeys.has(registerPersonKey(p))) return;
    const contact = { ...(p.phone === undefined ? {} : { phone: p.phone }), ...(p.email === undefined ? {} : { email: p.email }) };
    const command: PersonCommand = {
      type: 'RegisterPerson',
      data: { staffNumber: p.staffNumber, name: p.name, gender: p.gender, birthYear: p.birthYear, contact },
      metadata: this.metadata(),
    };
    const events = this.attempt(row, () => personDecider.decide(command, personDecider.initialState()));
    if (!events) return;
    const existing = this.people.get(p.staffNumber);
    if (existing && existing.status === 'registered') {
      const differences = profileDifferences(existing, (events[0] as PersonRegistered).data);
      if (differences.length > 0) {
        this.fail(row, {
          column: 'staffNumber',
          code: 'PERSON.DUPLICATE_STAFF_NUMBER',
          message: `staff number ${p.staffNumber} is already registered with ${differences.join(', ')}`,
        });
      }
      return;
    }
    this.people.set(p.staffNumber, events.reduce(personDecider.evolve, personDecider.initialState()));
    this.addStep(row, { key: registerPersonKey(p), phase: PHASES.people }, personStreamId(p.staffNumber), command);
  }

  private appoint(row: InputRow<'appointments'>): void {
    const a = row.values;
    if (a.endReason !== undefined && a.effectiveTo === undefined) {
      return this.fail(row, {
        column: 'endReason',
        code: 'IMPORT.END_REASON_WITHOUT_END',
        message: 'endReason is given but effectiveTo is empty',
      });
    }
    if (a.effectiveTo !== undefined && a.endReason === undefined) {
      return this.fail(row, {
        column: 'endReason',
        code: 'IMPORT.MISSING_VALUE',
        message: 'an appointment with effectiveTo needs an endReason',
      });
    }
    if (!this.unitKnown(row, a.unitCode, 'unitCode', 'UNIT.NOT_FOUND')) return;
    if (!this.personKnown(row, a.staffNumber)) return;
    const unit = this.units.get(a.unitCode) as UnitState;
    const existing =
      unit.status === 'absent'
        ? undefined
        : unit.appointments.find((x) => x.staffNumber === a.staffNumber && x.post === a.post && x.from === a.effectiveFrom);
    const appointmentId = existing?.appointmentId ?? importedAppointmentId(a);
    if (!this.context.appliedKeys.has(makeKey(a)) && existing?.acting !== a.acting) {
      const command: UnitCommand = {
        type: 'MakeAppointment',
        data: {
          unitCode: a.unitCode,
          appointmentId,
          staffNumber: a.staffNumber,
          post: a.post,
          acting: a.acting,
          effectiveFrom: a.effectiveFrom,
        },
        metadata: this.metadata(a.unitCode),
      };
      if (!this.decideUnit(row, command, unit, true, { key: makeKey(a), phase: PHASES.appointments })) return;
    }
    if (a.effectiveTo === undefined || this.context.appliedKeys.has(endKey(a))) return;
    const current = this.units.get(a.unitCode) as UnitState;
    const made = current.status === 'absent' ? undefined : current.appointments.find((x) => x.appointmentId === appointmentId);
    if (made && made.to === a.effectiveTo && made.endReason === a.endReason && made.note === a.endNote) return;
    const command: UnitCommand = {
      type: 'EndAppointment',
      data: {
        unitCode: a.unitCode,
        appointmentId,
        effectiveTo: a.effectiveTo,
        reason: a.endReason!,
        ...(a.endNote === undefined ? {} : { note: a.endNote }),
      },
      metadata: this.metadata(a.unitCode),
    };
    this.decideUnit(row, command, current, true, { key: endKey(a), phase: PHASES.appointments });
  }

  /** Decides a unit command; on success optionally records the new state and the step. */
  private decideUnit(
    row: InputRow,
    command: UnitCommand,
    state: UnitState,
    record: boolean,
    step?: { key: string; phase: number },
    column?: string,
  ): readonly UnitEvent[] | undefined {
    const events = this.attempt(row, () => unitDecider.decide(command, state), column);
    if (!events || !record || !step) return events;
    this.units.set(command.data.unitCode, events.reduce(unitDecider.evolve, state));
    this.addStep(row, step, unitStreamId(command.data.unitCode), command);
    return events;
  }

  private attempt<T>(row: InputRow, decide: () => T, column?: string): T | undefined {
    try {
      return decide();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.fail(row, { column: column ?? columnOf(row, error), code: error.code, message: error.message });
      return undefined;
    }
  }

  private addStep(row: InputRow, step: { key: string; phase: number }, streamId: string, command: UnitCommand | PersonCommand): void {
    const { metadata: _, ...withoutMetadata } = command;
    this.steps.push({
      sheet: row.sheet,
      row: row.row,
      key: step.key,
      streamId,
      phase: step.phase,
      command: withoutMetadata,
    });
    this.outcomes.set(rowId(row), 'changed');
  }

  private present(code: string): Exclude<UnitState, { status: 'absent' }> | undefined {
    const state = this.units.get(code);
    return state && state.status !== 'absent' ? state : undefined;
  }

  /** The unit exists in the registry or is registered by this file; else the row fails. */
  private unitKnown(row: InputRow, code: string, column: string, notFound: string): boolean {
    if (this.present(code)) return true;
    const source = this.unitRows.get(code);
    if (source)
      this.fail(row, {
        column,
        code: 'IMPORT.DEPENDS_ON_FAILED_ROW',
        message: `unit ${code} is in units row ${source.row}, which has errors`,
      });
    else this.fail(row, { column, code: notFound, message: `no unit with code ${code} in the registry or in the units sheet` });
    return false;
  }

  private personKnown(row: InputRow, staffNumber: string): boolean {
    if (this.people.get(staffNumber)?.status === 'registered') return true;
    const source = this.personRows.get(staffNumber);
    if (source)
      this.fail(row, {
        column: 'staffNumber',
        code: 'IMPORT.DEPENDS_ON_FAILED_ROW',
        message: `person ${staffNumber} is in people row ${source.row}, which has errors`,
      });
    else
      this.fail(row, {
        column: 'staffNumber',
        code: 'PERSON.NOT_FOUND',
        message: `no person with staff number ${staffNumber} in the registry or in the people sheet`,
      });
    return false;
  }

  private fail(row: InputRow, issue: Omit<ImportIssue, 'sheet' | 'row'>): void {
    this.errors.push({
      sheet: row.sheet,
      row: row.row,
      ...(issue.column === undefined ? {} : { column: issue.column }),
      code: issue.code,
      message: issue.message,
    });
    this.outcomes.set(rowId(row), 'failed');
  }

  private metadata(unitCode?: string): CommandMetadata {
    return { now: this.context.now, actor: { ...this.context.actor, ...(unitCode ? { unitId: unitCode } : {}) } };
  }
}

function registrationDifferences(existing: Exclude<UnitState, { status: 'absent' }>, file: UnitRegistered['data']): string[] {
  const registered = {
    name: existing.names[0]?.name,
    kind: existing.kind,
    level: existing.level,
    parentCode: existing.parents[0]?.parentCode ?? null,
    jurisdictionCode: existing.jurisdictionCode,
    effectiveFrom: existing.registeredFrom,
  };
  return (Object.keys(registered) as (keyof typeof registered)[])
    .filter((field) => registered[field] !== file[field])
    .map((field) => `${field} ${registered[field] ?? '(none)'} (the file says ${file[field] ?? '(none)'})`);
}

/**
 * What differs between the registered person and the file's row. The job report is kept, so
 * personal values (gender, birth year, contact) are named, never quoted: the report must not
 * outlive an erasure of them. The name is not personal data here (see person.personal-data.ts).
 */
function profileDifferences(existing: RegisteredPerson, file: PersonRegistered['data']): string[] {
  const personal: [string, string | number | null | undefined, string | number | null | undefined][] = [
    ['gender', existing.gender, file.gender],
    ['birthYear', existing.birthYear, file.birthYear],
    ['phone', existing.contact?.phone, file.contact.phone],
    ['email', existing.contact?.email, file.contact.email],
  ];
  return [
    ...(existing.name === file.name ? [] : [`name ${describeValue(existing.name)} (the file says ${describeValue(file.name)})`]),
    ...personal.filter(([, a, b]) => a !== b).map(([field]) => `a different ${field}`),
  ];
}

/** The column a decider's error is about, where its code tells. */
function columnOf(row: InputRow, error: DomainError): string | undefined {
  const field = error.details?.field;
  if (typeof field === 'string') return field === 'effectiveTo' || field === 'effectiveFrom' ? field : undefined;
  if (row.sheet === 'units' && error.code === 'UNIT.INVALID_CODE')
    return isUnitCode((row.values as UnitInput).code) ? 'parentCode' : 'code';
  if (row.sheet === 'people' && (error.code === 'PERSON.INVALID_CONTACT' || error.code === 'PERSON.NATIONAL_ID_NOT_ALLOWED')) {
    if (error.message.includes('phone')) return 'phone';
    if (error.message.includes('email')) return 'email';
    return error.message.includes('contact') ? 'phone' : 'staffNumber';
  }
  return ERROR_COLUMNS[row.sheet][error.code];
}

const ERROR_COLUMNS: Readonly<Record<SheetName, Readonly<Record<string, string>>>> = {
  units: {
    'UNIT.INVALID_NAME': 'name',
    'UNIT.INVALID_KIND': 'kind',
    'UNIT.INVALID_LEVEL': 'level',
    'UNIT.INVALID_JURISDICTION': 'jurisdictionCode',
    'UNIT.CYCLE': 'parentCode',
    'UNIT.DUPLICATE_CODE': 'code',
    'PAIRING.INVALID_KINDS': 'supervisorCode',
    'PAIRING.OVERLAP': 'supervisorCode',
  },
  people: {
    'PERSON.INVALID_STAFF_NUMBER': 'staffNumber',
    'PERSON.DUPLICATE_STAFF_NUMBER': 'staffNumber',
    'PERSON.INVALID_NAME': 'name',
    'PERSON.INVALID_GENDER': 'gender',
    'PERSON.INVALID_BIRTH_YEAR': 'birthYear',
  },
  appointments: {
    'UNIT.NOT_FOUND': 'unitCode',
    'UNIT.DISSOLVED': 'unitCode',
    'UNIT.EFFECTIVE_BEFORE_REGISTRATION': 'effectiveFrom',
    'PERSON.INVALID_STAFF_NUMBER': 'staffNumber',
    'PERSON.NATIONAL_ID_NOT_ALLOWED': 'staffNumber',
    'APPOINTMENT.UNKNOWN_POST': 'post',
    'APPOINTMENT.POST_NOT_IN_UNIT_KIND': 'post',
    'APPOINTMENT.ALREADY_HOLDS_POST': 'post',
    'APPOINTMENT.EXCLUSIVE_POST_OVERLAP': 'post',
    'APPOINTMENT.END_BEFORE_START': 'effectiveTo',
    'APPOINTMENT.ALREADY_ENDED': 'effectiveTo',
    'APPOINTMENT.END_BEFORE_PORTFOLIO': 'effectiveTo',
    'APPOINTMENT.INVALID_REASON': 'endReason',
    'APPOINTMENT.NOTE_REQUIRED': 'endNote',
    'TEXT.TOO_LONG': 'endNote',
  },
};

function rowId(row: InputRow): string {
  return `${row.sheet}:${row.row}`;
}

function sheetOrder(sheet: SheetName | undefined): number {
  return sheet === undefined ? -1 : ['units', 'people', 'appointments'].indexOf(sheet);
}

function describeValue(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '(none)' : String(value);
}
