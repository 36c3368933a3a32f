import {
  chinaDay,
  fieldRule,
  requireDay,
  requireStaffNumber,
  requireStaffNumbers,
  requireUnitCode,
  requireUuid,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import type { CaseCommand, ConcludeCase, OpenCase } from './case.commands';
import type { CaseEvent, CaseFinding } from './case.events';
import { handlingOfficer, type Subject } from './handling-actor';

export interface OpenedCase {
  readonly status: 'open' | 'concluded';
  readonly caseId: string;
  readonly commission: string;
  readonly subjects: readonly Subject[];
  readonly openedOn: string;
  readonly clueId: string | null;
  readonly preliminaryCheckId: string | null;
  readonly concludedOn?: string;
  readonly findings?: readonly CaseFinding[];
}

export type CaseState = { readonly status: 'absent' } | OpenedCase;

const MAX_FINDINGS = 50;
const MAX_SUBJECTS = 50;

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: CaseCommand, state: CaseState): readonly CaseEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'OpenCase':
      return open(command.data, state);
    case 'ConcludeCase':
      return conclude(command.data, state, today);
    default:
      return unreachable(command);
  }
}

/** Opening again from the same check is the same case: nothing new. */
function open(data: OpenCase['data'], state: CaseState): readonly CaseEvent[] {
  if (state.status !== 'absent') {
    rule(
      state.preliminaryCheckId === data.preliminaryCheckId && state.clueId === data.clueId,
      'CASE.ALREADY_OPENED',
      `case ${state.caseId} was opened from another check`,
      'conflict',
    );
    return [];
  }
  requireDay(data.openedOn, 'openedOn');
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: requireUuid(data.caseId, 'caseId'),
        commission: requireUnitCode(data.commission, 'commission'),
        subjects: requireSubjects(data.subjects),
        openedOn: data.openedOn,
        clueId: data.clueId,
        preliminaryCheckId: data.preliminaryCheckId,
      },
    },
  ];
}

/** Once, with its findings; any decision on a concluded case is a conflict. */
function conclude(data: ConcludeCase['data'], state: CaseState, today: string): readonly CaseEvent[] {
  const opened = existing(state);
  handlingOfficer(
    data.actor,
    opened.commission,
    opened.subjects.map((subject) => subject.staffNumber),
  );
  rule(opened.status === 'open', 'CASE.CONCLUDED', `case ${opened.caseId} was concluded on ${opened.concludedOn}`, 'conflict');
  fieldRule(Array.isArray(data.findings), 'CASE.INVALID_FINDINGS', 'findings must be a list', 'findings');
  fieldRule(data.findings.length <= MAX_FINDINGS, 'CASE.TOO_MANY', `at most ${MAX_FINDINGS} findings`, 'findings');
  const findings = (data.findings as readonly CaseFinding[]).map((finding, index) => validFinding(finding, `findings[${index}]`, today));
  const units = findings.map((finding) => finding.unitCode);
  fieldRule(new Set(units).size === units.length, 'CASE.DUPLICATE_UNIT', 'one finding per unit', 'findings');
  return [{ type: 'CaseConcluded', data: { caseId: opened.caseId, commission: opened.commission, concludedOn: today, findings } }];
}

function validFinding(value: CaseFinding, field: string, today: string): CaseFinding {
  fieldRule(typeof value === 'object' && value !== null, 'CASE.INVALID_FINDINGS', `${field} is not a finding`, field);
  const unitCode = requireUnitCode(value.unitCode, `${field}.unitCode`);
  const staffNumbers = requireStaffNumbers(value.staffNumbers, `${field}.staffNumbers`, 'CASE.FINDING_WITHOUT_PERSON');
  requireDay(value.periodFrom, `${field}.periodFrom`);
  requireDay(value.periodTo, `${field}.periodTo`);
  fieldRule(value.periodFrom <= value.periodTo, 'CASE.INVALID_PERIOD', `${field}: the period ends before it starts`, `${field}.periodTo`);
  fieldRule(value.periodTo <= today, 'CASE.PERIOD_IN_FUTURE', `${field}: the period ends after today (${today})`, `${field}.periodTo`);
  return { unitCode, staffNumbers, periodFrom: value.periodFrom, periodTo: value.periodTo };
}

export function requireSubjects(value: unknown): readonly Subject[] {
  fieldRule(Array.isArray(value) && value.length > 0, 'CASE.NO_SUBJECTS', 'at least one subject', 'subjects');
  fieldRule(value.length <= MAX_SUBJECTS, 'CASE.TOO_MANY', `at most ${MAX_SUBJECTS} subjects`, 'subjects');
  return (value as readonly Subject[]).map((subject, index) => {
    fieldRule(typeof subject === 'object' && subject !== null, 'CASE.INVALID_SUBJECT', 'not a subject', `subjects[${index}]`);
    return {
      staffNumber: requireStaffNumber(subject.staffNumber, `subjects[${index}].staffNumber`),
      unitCode: requireUnitCode(subject.unitCode, `subjects[${index}].unitCode`),
    };
  });
}

function evolve(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseOpened':
      return { status: 'open', ...event.data };
    case 'CaseConcluded':
      if (state.status === 'absent') return state;
      return { ...state, status: 'concluded', concludedOn: event.data.concludedOn, findings: event.data.findings };
    default:
      return unreachable(event);
  }
}

function existing(state: CaseState): OpenedCase {
  rule(state.status !== 'absent', 'CASE.NOT_FOUND', 'no such case', 'not_found');
  return state;
}
