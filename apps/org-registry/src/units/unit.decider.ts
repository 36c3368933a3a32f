import {
  chinaDay,
  containsNationalId,
  dayBefore,
  DomainError,
  isOneOf,
  overlaps,
  requireDay,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import { isStaffNumber, isUuid } from '../people/identifiers';
import { holdsPortfolio, isExclusivePost, isPostKind, postExistsIn, type PostKind } from './posts';
import type {
  AssignPortfolio,
  DissolveUnit,
  EndAppointment,
  EndPortfolio,
  EndUnitPairing,
  MakeAppointment,
  MoveUnit,
  PairUnit,
  RegisterUnit,
  RenameUnit,
  UnitCommand,
} from './unit.commands';
import {
  APPOINTMENT_END_REASONS,
  PAIRING_END_REASONS,
  type AppointmentEndReason,
  type AppointmentEnded,
  type PairingEndReason,
  type PortfolioEnded,
  type UnitEvent,
  type UnitPairingEnded,
} from './unit.events';
import {
  SUPERVISED_KINDS,
  SUPERVISING_KINDS,
  isJurisdictionCodeFor,
  isUnitCode,
  isUnitKind,
  isUnitLevel,
  type UnitKind,
  type UnitLevel,
} from './unit-kinds';

export interface NameEntry {
  readonly from: string;
  readonly name: string;
}

export interface ParentEntry {
  readonly from: string;
  readonly parentCode: string | null;
}

export interface Pairing {
  readonly counterpartCode: string;
  readonly counterpartKind: UnitKind;
  readonly from: string;
  readonly to?: string;
  readonly endReason?: PairingEndReason;
}

export interface Portfolio {
  readonly coveredUnitCodes: readonly string[];
  readonly from: string;
  readonly to?: string;
}

export interface Appointment {
  readonly appointmentId: string;
  readonly staffNumber: string;
  readonly post: PostKind;
  readonly acting: boolean;
  readonly from: string;
  readonly to?: string;
  readonly endReason?: AppointmentEndReason;
  readonly note?: string;
  /** Successive, non-overlapping portfolios of this appointment, oldest first. */
  readonly portfolios: readonly Portfolio[];
}

export interface UnitRecord {
  readonly code: string;
  readonly kind: UnitKind;
  readonly level: UnitLevel;
  readonly jurisdictionCode: string;
  readonly registeredFrom: string;
  /** Name history, oldest first; the last entry is the latest name. */
  readonly names: readonly NameEntry[];
  /** Parent history, oldest first; the last entry is the latest parent. */
  readonly parents: readonly ParentEntry[];
  readonly pairings: readonly Pairing[];
  readonly appointments: readonly Appointment[];
}

export interface AbsentUnit {
  readonly status: 'absent';
}

export interface ActiveUnit extends UnitRecord {
  readonly status: 'active';
}

export interface DissolvedUnit extends UnitRecord {
  readonly status: 'dissolved';
  readonly dissolvedFrom: string;
  readonly dissolutionReason: string;
}

export type UnitState = AbsentUnit | ActiveUnit | DissolvedUnit;

const MAX_NAME_LENGTH = 128;
const MAX_TEXT_LENGTH = 500;

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: UnitCommand, state: UnitState): readonly UnitEvent[] {
  switch (command.type) {
    case 'RegisterUnit':
      return registerUnit(command.data, state);
    case 'RenameUnit':
      return renameUnit(command.data, activeUnit(state));
    case 'MoveUnit':
      return moveUnit(command.data, activeUnit(state));
    case 'DissolveUnit':
      return dissolveUnit(command.data, activeUnit(state), chinaDay(command.metadata.now));
    case 'PairUnit':
      return pairUnit(command.data, activeUnit(state));
    case 'EndUnitPairing':
      return endUnitPairing(command.data, activeUnit(state));
    case 'MakeAppointment':
      return makeAppointment(command.data, unitForHistoryUntil(state, command.data.effectiveTo));
    case 'EndAppointment':
      return endAppointment(command.data, activeUnit(state));
    case 'AssignPortfolio':
      return assignPortfolio(command.data, activeUnit(state));
    case 'EndPortfolio':
      return endPortfolio(command.data, activeUnit(state));
    default:
      return unreachable(command);
  }
}

function registerUnit(data: RegisterUnit['data'], state: UnitState): readonly UnitEvent[] {
  rule(state.status === 'absent', 'UNIT.DUPLICATE_CODE', `unit ${data.unitCode} is already registered`, 'conflict');
  rule(isUnitCode(data.unitCode), 'UNIT.INVALID_CODE', `${String(data.unitCode)} is not a valid unit code`);
  const name = validName(data.name);
  rule(isUnitKind(data.kind), 'UNIT.INVALID_KIND', `${String(data.kind)} is not a unit kind`);
  rule(isUnitLevel(data.level), 'UNIT.INVALID_LEVEL', `${String(data.level)} is not a unit level`);
  rule(
    isJurisdictionCodeFor(data.level, data.jurisdictionCode),
    'UNIT.INVALID_JURISDICTION',
    `${String(data.jurisdictionCode)} is not a ${data.level}-level administrative division code`,
  );
  const parentCode = data.parentCode ?? null;
  if (parentCode !== null) {
    rule(isUnitCode(parentCode), 'UNIT.INVALID_CODE', `${String(parentCode)} is not a valid unit code`);
    rule(parentCode !== data.unitCode, 'UNIT.CYCLE', 'a unit cannot be its own parent');
  }
  requireDay(data.effectiveFrom, 'effectiveFrom');
  return [
    {
      type: 'UnitRegistered',
      data: {
        unitCode: data.unitCode,
        name,
        kind: data.kind,
        level: data.level,
        parentCode,
        jurisdictionCode: data.jurisdictionCode,
        effectiveFrom: data.effectiveFrom,
      },
    },
  ];
}

function renameUnit(data: RenameUnit['data'], unit: ActiveUnit): readonly UnitEvent[] {
  requireDay(data.effectiveFrom, 'effectiveFrom');
  requireAfterRegistration(unit, data.effectiveFrom);
  const latest = unit.names[unit.names.length - 1];
  requireNotBeforeLastChange(latest.from, data.effectiveFrom, 'rename');
  const name = validName(data.name);
  if (name === latest.name) return [];
  return [{ type: 'UnitRenamed', data: { unitCode: unit.code, name, previousName: latest.name, effectiveFrom: data.effectiveFrom } }];
}

function moveUnit(data: MoveUnit['data'], unit: ActiveUnit): readonly UnitEvent[] {
  requireDay(data.effectiveFrom, 'effectiveFrom');
  requireAfterRegistration(unit, data.effectiveFrom);
  const latest = unit.parents[unit.parents.length - 1];
  requireNotBeforeLastChange(latest.from, data.effectiveFrom, 'move');
  rule(isUnitCode(data.newParentCode), 'UNIT.INVALID_CODE', `${String(data.newParentCode)} is not a valid unit code`);
  rule(Array.isArray(data.newParentAncestry), 'UNIT.ANCESTRY_REQUIRED', 'the ancestry of the new parent is required');
  rule(
    data.newParentCode !== unit.code && !data.newParentAncestry.includes(unit.code),
    'UNIT.CYCLE',
    `moving ${unit.code} under ${data.newParentCode} would make it its own ancestor`,
  );
  if (data.newParentCode === latest.parentCode) return [];
  return [
    {
      type: 'UnitMoved',
      data: {
        unitCode: unit.code,
        parentCode: data.newParentCode,
        previousParentCode: latest.parentCode,
        effectiveFrom: data.effectiveFrom,
      },
    },
  ];
}

function dissolveUnit(data: DissolveUnit['data'], unit: ActiveUnit, today: string): readonly UnitEvent[] {
  requireDay(data.effectiveFrom, 'effectiveFrom');
  // A dissolution takes the unit out of service when recorded; one planned for later is recorded then.
  rule(
    data.effectiveFrom <= today,
    'UNIT.DISSOLUTION_IN_FUTURE',
    `${unit.code} cannot be dissolved from ${data.effectiveFrom}, after today (${today})`,
  );
  const reason = requireText(data.reason, 'UNIT.REASON_REQUIRED', 'a dissolution needs a reason');
  const latest = latestRecordedDay(unit);
  rule(
    data.effectiveFrom > latest,
    'UNIT.DISSOLUTION_BEFORE_RECORDED_FACTS',
    `${unit.code} has facts recorded up to ${latest}; it cannot be dissolved from ${data.effectiveFrom}`,
    'conflict',
  );
  const lastDay = dayBefore(data.effectiveFrom);
  const endings = unit.appointments
    .filter((a) => a.to === undefined)
    .flatMap((a) => [...endOpenPortfolio(unit, a, lastDay), appointmentEnded(unit, a, lastDay, 'unit_dissolved')]);
  const pairing = openPairing(unit);
  const pairingEnded: UnitPairingEnded[] = pairing
    ? [
        {
          type: 'UnitPairingEnded',
          data: { unitCode: unit.code, counterpartCode: pairing.counterpartCode, effectiveTo: lastDay, reason: 'unit_dissolved' },
        },
      ]
    : [];
  return [...endings, ...pairingEnded, { type: 'UnitDissolved', data: { unitCode: unit.code, effectiveFrom: data.effectiveFrom, reason } }];
}

function pairUnit(data: PairUnit['data'], unit: ActiveUnit): readonly UnitEvent[] {
  requireDay(data.effectiveFrom, 'effectiveFrom');
  requireAfterRegistration(unit, data.effectiveFrom);
  rule(isUnitCode(data.counterpartCode), 'UNIT.INVALID_CODE', `${String(data.counterpartCode)} is not a valid unit code`);
  const counterpartKind = data.counterpartKind;
  rule(
    SUPERVISED_KINDS.includes(unit.kind) && isUnitKind(counterpartKind) && SUPERVISING_KINDS.includes(counterpartKind),
    'PAIRING.INVALID_KINDS',
    `a ${unit.kind} cannot be paired with a ${String(counterpartKind)}: pairing joins a Party committee or group to a discipline commission or inspection group`,
  );
  rule(
    !unit.pairings.some((p) => overlaps(p, { from: data.effectiveFrom })),
    'PAIRING.OVERLAP',
    `${unit.code} is already paired on or after ${data.effectiveFrom}; end that pairing first`,
    'conflict',
  );
  return [
    {
      type: 'UnitPaired',
      data: { unitCode: unit.code, counterpartCode: data.counterpartCode, counterpartKind, effectiveFrom: data.effectiveFrom },
    },
  ];
}

function endUnitPairing(data: EndUnitPairing['data'], unit: ActiveUnit): readonly UnitEvent[] {
  const pairing = openPairing(unit);
  rule(pairing, 'PAIRING.NOT_PAIRED', `${unit.code} has no open pairing`, 'conflict');
  requireDay(data.effectiveTo, 'effectiveTo');
  rule(data.effectiveTo >= pairing.from, 'PAIRING.END_BEFORE_START', `the pairing starts on ${pairing.from}, after ${data.effectiveTo}`);
  const reason = data.reason;
  rule(isOneOf(PAIRING_END_REASONS, reason), 'PAIRING.INVALID_REASON', `${String(reason)} is not a reason to end a pairing`);
  return [
    {
      type: 'UnitPairingEnded',
      data: { unitCode: unit.code, counterpartCode: pairing.counterpartCode, effectiveTo: data.effectiveTo, reason },
    },
  ];
}

function makeAppointment(data: MakeAppointment['data'], unit: ActiveUnit | DissolvedUnit): readonly UnitEvent[] {
  rule(isUuid(data.appointmentId), 'APPOINTMENT.INVALID_ID', `${String(data.appointmentId)} is not a UUID`);
  rule(
    !unit.appointments.some((a) => a.appointmentId === data.appointmentId),
    'APPOINTMENT.DUPLICATE_ID',
    `appointment ${data.appointmentId} already exists`,
    'conflict',
  );
  rule(isStaffNumber(data.staffNumber), 'PERSON.INVALID_STAFF_NUMBER', `${String(data.staffNumber)} is not a valid staff number`);
  rule(!containsNationalId(data.staffNumber), 'PERSON.NATIONAL_ID_NOT_ALLOWED', 'a national ID number cannot be used as a staff number');
  const post = data.post;
  rule(isPostKind(post), 'APPOINTMENT.UNKNOWN_POST', `${String(post)} is not a post`);
  rule(postExistsIn(unit.kind, post), 'APPOINTMENT.POST_NOT_IN_UNIT_KIND', `a ${unit.kind} has no ${post} post`);
  requireDay(data.effectiveFrom, 'effectiveFrom');
  requireAfterRegistration(unit, data.effectiveFrom);
  const closed = data.effectiveTo !== undefined;
  if (closed) {
    requireDay(data.effectiveTo, 'effectiveTo');
    rule(
      data.effectiveTo >= data.effectiveFrom,
      'APPOINTMENT.END_BEFORE_START',
      `an appointment from ${data.effectiveFrom} cannot end on ${data.effectiveTo}`,
    );
    rule(
      isOneOf(APPOINTMENT_END_REASONS, data.endReason) && data.endReason !== 'other',
      'APPOINTMENT.INVALID_REASON',
      `${String(data.endReason)} is not a reason to end an appointment given with its end`,
    );
  }
  // A past holder is recorded with both ends, so only that period has to be free.
  const period = { from: data.effectiveFrom, to: data.effectiveTo };
  const samePost = unit.appointments.filter((a) => a.post === post && overlaps(a, period));
  rule(
    !samePost.some((a) => a.staffNumber === data.staffNumber),
    'APPOINTMENT.ALREADY_HOLDS_POST',
    `${data.staffNumber} already holds ${post} in ${unit.code} within that period`,
    'conflict',
  );
  if (isExclusivePost(post) && samePost.length > 0) {
    throw new DomainError(
      'APPOINTMENT.EXCLUSIVE_POST_OVERLAP',
      `${post} of ${unit.code} is held by ${samePost[0].staffNumber} within that period; end that appointment first`,
      'conflict',
      { appointmentId: samePost[0].appointmentId },
    );
  }
  const made: UnitEvent = {
    type: 'AppointmentMade',
    data: {
      unitCode: unit.code,
      appointmentId: data.appointmentId,
      staffNumber: data.staffNumber,
      post,
      acting: data.acting === true,
      effectiveFrom: data.effectiveFrom,
    },
  };
  if (!closed) return [made];
  const appointment: Appointment = {
    appointmentId: data.appointmentId,
    staffNumber: data.staffNumber,
    post,
    acting: data.acting === true,
    from: data.effectiveFrom,
    portfolios: [],
  };
  return [made, appointmentEnded(unit, appointment, data.effectiveTo, data.endReason as AppointmentEndReason)];
}

function endAppointment(data: EndAppointment['data'], unit: ActiveUnit): readonly UnitEvent[] {
  const appointment = findAppointment(unit, data.appointmentId);
  requireRunning(appointment);
  requireDay(data.effectiveTo, 'effectiveTo');
  rule(
    data.effectiveTo >= appointment.from,
    'APPOINTMENT.END_BEFORE_START',
    `appointment ${appointment.appointmentId} starts on ${appointment.from}, after ${data.effectiveTo}`,
  );
  const reason = data.reason;
  rule(isOneOf(APPOINTMENT_END_REASONS, reason), 'APPOINTMENT.INVALID_REASON', `${String(reason)} is not a reason to end an appointment`);
  const note = optionalText(data.note);
  rule(reason !== 'other' || note !== undefined, 'APPOINTMENT.NOTE_REQUIRED', 'ending an appointment for another reason needs a note');
  rule(!containsNationalId(note), 'PERSON.NATIONAL_ID_NOT_ALLOWED', 'notes must not contain national ID numbers');
  rule(
    appointment.portfolios.every((p) => p.from <= data.effectiveTo && (p.to === undefined || p.to <= data.effectiveTo)),
    'APPOINTMENT.END_BEFORE_PORTFOLIO',
    `appointment ${appointment.appointmentId} has portfolio dates after ${data.effectiveTo}`,
    'conflict',
  );
  return [...endOpenPortfolio(unit, appointment, data.effectiveTo), appointmentEnded(unit, appointment, data.effectiveTo, reason, note)];
}

function assignPortfolio(data: AssignPortfolio['data'], unit: ActiveUnit): readonly UnitEvent[] {
  const appointment = findAppointment(unit, data.appointmentId);
  requireRunning(appointment);
  rule(holdsPortfolio(appointment.post), 'PORTFOLIO.POST_WITHOUT_PORTFOLIO', `a ${appointment.post} is not given a portfolio`);
  requireDay(data.effectiveFrom, 'effectiveFrom');
  rule(
    data.effectiveFrom >= appointment.from,
    'PORTFOLIO.OUTSIDE_APPOINTMENT',
    `appointment ${appointment.appointmentId} starts on ${appointment.from}, after ${data.effectiveFrom}`,
  );
  const covered = data.coveredUnitCodes;
  rule(Array.isArray(covered) && covered.length > 0, 'PORTFOLIO.NO_UNITS', 'a portfolio covers at least one unit');
  for (const code of covered) rule(isUnitCode(code), 'UNIT.INVALID_CODE', `${String(code)} is not a valid unit code`);
  rule(new Set(covered).size === covered.length, 'PORTFOLIO.DUPLICATE_UNIT', 'a portfolio lists each unit once');
  rule(!covered.includes(unit.code), 'PORTFOLIO.COVERS_OWN_UNIT', `a portfolio of ${unit.code} cannot cover ${unit.code} itself`);
  const current = openPortfolioOf(appointment);
  rule(
    appointment.portfolios.every((p) => (p.to === undefined ? p.from < data.effectiveFrom : p.to < data.effectiveFrom)),
    'PORTFOLIO.OVERLAP',
    `appointment ${appointment.appointmentId} has a portfolio recorded on or after ${data.effectiveFrom}`,
    'conflict',
  );
  if (current && sameMembers(current.coveredUnitCodes, covered)) return [];
  return [
    ...(current ? [portfolioEnded(unit, appointment, dayBefore(data.effectiveFrom))] : []),
    {
      type: 'PortfolioAssigned',
      data: {
        unitCode: unit.code,
        appointmentId: appointment.appointmentId,
        staffNumber: appointment.staffNumber,
        coveredUnitCodes: [...data.coveredUnitCodes],
        effectiveFrom: data.effectiveFrom,
      },
    },
  ];
}

function endPortfolio(data: EndPortfolio['data'], unit: ActiveUnit): readonly UnitEvent[] {
  const appointment = findAppointment(unit, data.appointmentId);
  const current = openPortfolioOf(appointment);
  rule(current, 'PORTFOLIO.NOT_ASSIGNED', `appointment ${appointment.appointmentId} has no open portfolio`, 'conflict');
  requireDay(data.effectiveTo, 'effectiveTo');
  rule(
    data.effectiveTo >= current.from,
    'PORTFOLIO.END_BEFORE_START',
    `the portfolio starts on ${current.from}, after ${data.effectiveTo}`,
  );
  return [portfolioEnded(unit, appointment, data.effectiveTo)];
}

function evolve(state: UnitState, event: UnitEvent): UnitState {
  if (event.type === 'UnitRegistered') {
    const { data } = event;
    return {
      status: 'active',
      code: data.unitCode,
      kind: data.kind,
      level: data.level,
      jurisdictionCode: data.jurisdictionCode,
      registeredFrom: data.effectiveFrom,
      names: [{ from: data.effectiveFrom, name: data.name }],
      parents: [{ from: data.effectiveFrom, parentCode: data.parentCode }],
      pairings: [],
      appointments: [],
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'UnitRenamed':
      return { ...state, names: [...state.names, { from: event.data.effectiveFrom, name: event.data.name }] };
    case 'UnitMoved':
      return { ...state, parents: [...state.parents, { from: event.data.effectiveFrom, parentCode: event.data.parentCode }] };
    case 'UnitDissolved':
      return { ...state, status: 'dissolved', dissolvedFrom: event.data.effectiveFrom, dissolutionReason: event.data.reason };
    case 'UnitPaired': {
      const { counterpartCode, counterpartKind, effectiveFrom } = event.data;
      return { ...state, pairings: [...state.pairings, { counterpartCode, counterpartKind, from: effectiveFrom }] };
    }
    case 'UnitPairingEnded': {
      const { counterpartCode, effectiveTo, reason } = event.data;
      return {
        ...state,
        pairings: state.pairings.map((p) =>
          p.to === undefined && p.counterpartCode === counterpartCode ? { ...p, to: effectiveTo, endReason: reason } : p,
        ),
      };
    }
    case 'AppointmentMade': {
      const { appointmentId, staffNumber, post, acting, effectiveFrom } = event.data;
      return {
        ...state,
        appointments: [...state.appointments, { appointmentId, staffNumber, post, acting, from: effectiveFrom, portfolios: [] }],
      };
    }
    case 'AppointmentEnded': {
      const { effectiveTo, reason, note } = event.data;
      return updateAppointment(state, event.data.appointmentId, (a) => ({
        ...a,
        to: effectiveTo,
        endReason: reason,
        ...(note === undefined ? {} : { note }),
      }));
    }
    case 'PortfolioAssigned': {
      const { coveredUnitCodes, effectiveFrom } = event.data;
      return updateAppointment(state, event.data.appointmentId, (a) => ({
        ...a,
        portfolios: [...a.portfolios, { coveredUnitCodes, from: effectiveFrom }],
      }));
    }
    case 'PortfolioEnded':
      return updateAppointment(state, event.data.appointmentId, (a) => ({
        ...a,
        portfolios: a.portfolios.map((p) => (p.to === undefined ? { ...p, to: event.data.effectiveTo } : p)),
      }));
    default:
      return unreachable(event);
  }
}

function updateAppointment<S extends ActiveUnit | DissolvedUnit>(
  state: S,
  appointmentId: string,
  change: (a: Appointment) => Appointment,
): S {
  return { ...state, appointments: state.appointments.map((a) => (a.appointmentId === appointmentId ? change(a) : a)) };
}

/**
 * A dissolved unit still takes facts that ended before its dissolution (back-filled history: a past
 * holder recorded with both ends); anything reaching the dissolution day or beyond needs a live unit.
 */
function unitForHistoryUntil(state: UnitState, lastDay: string | undefined): ActiveUnit | DissolvedUnit {
  if (state.status === 'dissolved' && lastDay !== undefined && lastDay < state.dissolvedFrom) return state;
  return activeUnit(state);
}

function activeUnit(state: UnitState): ActiveUnit {
  switch (state.status) {
    case 'absent':
      throw new DomainError('UNIT.NOT_FOUND', 'the unit is not registered', 'not_found');
    case 'dissolved':
      throw new DomainError('UNIT.DISSOLVED', `unit ${state.code} was dissolved from ${state.dissolvedFrom}`, 'conflict');
    case 'active':
      return state;
  }
}

function findAppointment(unit: UnitRecord, appointmentId: string): Appointment {
  const appointment = unit.appointments.find((a) => a.appointmentId === appointmentId);
  rule(appointment, 'APPOINTMENT.NOT_FOUND', `${unit.code} has no appointment ${appointmentId}`, 'not_found');
  return appointment;
}

function requireRunning(appointment: Appointment): void {
  rule(
    appointment.to === undefined,
    'APPOINTMENT.ALREADY_ENDED',
    `appointment ${appointment.appointmentId} ended on ${appointment.to}`,
    'conflict',
  );
}

function openPairing(unit: UnitRecord): Pairing | undefined {
  return unit.pairings.find((p) => p.to === undefined);
}

function openPortfolioOf(appointment: Appointment): Portfolio | undefined {
  return appointment.portfolios.find((p) => p.to === undefined);
}

function endOpenPortfolio(unit: UnitRecord, appointment: Appointment, effectiveTo: string): PortfolioEnded[] {
  return openPortfolioOf(appointment) ? [portfolioEnded(unit, appointment, effectiveTo)] : [];
}

function portfolioEnded(unit: UnitRecord, appointment: Appointment, effectiveTo: string): PortfolioEnded {
  return {
    type: 'PortfolioEnded',
    data: { unitCode: unit.code, appointmentId: appointment.appointmentId, staffNumber: appointment.staffNumber, effectiveTo },
  };
}

function appointmentEnded(
  unit: UnitRecord,
  appointment: Appointment,
  effectiveTo: string,
  reason: AppointmentEndReason,
  note?: string,
): AppointmentEnded {
  return {
    type: 'AppointmentEnded',
    data: {
      unitCode: unit.code,
      appointmentId: appointment.appointmentId,
      staffNumber: appointment.staffNumber,
      post: appointment.post,
      effectiveTo,
      reason,
      ...(note === undefined ? {} : { note }),
    },
  };
}

/** The latest effective date recorded on the unit: nothing may be dissolved away before it. */
function latestRecordedDay(unit: UnitRecord): string {
  const days = [
    unit.registeredFrom,
    ...unit.names.map((n) => n.from),
    ...unit.parents.map((p) => p.from),
    ...unit.pairings.flatMap((p) => [p.from, p.to ?? p.from]),
    ...unit.appointments.flatMap((a) => [a.from, a.to ?? a.from, ...a.portfolios.flatMap((p) => [p.from, p.to ?? p.from])]),
  ];
  return days.reduce((latest, day) => (day > latest ? day : latest));
}

function requireAfterRegistration(unit: UnitRecord, day: string): void {
  rule(day >= unit.registeredFrom, 'UNIT.EFFECTIVE_BEFORE_REGISTRATION', `${unit.code} exists from ${unit.registeredFrom}, after ${day}`);
}

function requireNotBeforeLastChange(lastChange: string, day: string, what: string): void {
  rule(day >= lastChange, 'UNIT.EFFECTIVE_BEFORE_LAST_CHANGE', `a ${what} from ${day} would precede the last one, from ${lastChange}`);
}

function validName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  rule(name.length > 0 && name.length <= MAX_NAME_LENGTH, 'UNIT.INVALID_NAME', `a unit name has 1 to ${MAX_NAME_LENGTH} characters`);
  return name;
}

function requireText(value: unknown, code: string, message: string): string {
  const text = optionalText(value);
  rule(text !== undefined, code, message);
  return text;
}

function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  rule(text.length <= MAX_TEXT_LENGTH, 'TEXT.TOO_LONG', `text is limited to ${MAX_TEXT_LENGTH} characters`);
  return text.length > 0 ? text : undefined;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code) => b.includes(code));
}
