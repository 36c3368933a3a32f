import { chinaDay, DomainError, requireDay, rule, unreachable, type Decider } from '@app/domain';
import { requiredText } from '../documents/free-text';
import { isUnitCode, isUuid } from '../documents/identifiers';
import type { FulfilObligation, ObligationCommand, OpenObligation } from './obligation.commands';
import type { ObligationEvent, ObligationOpened } from './obligation.events';

export interface AbsentObligation {
  readonly status: 'absent';
}

interface ObligationRecord {
  readonly obligationId: string;
  readonly subject: string;
  readonly unitCode: string;
  readonly ruleName: string;
  readonly dueOn: string;
  readonly warnFrom: string;
  readonly warnedOn?: string;
  readonly markedOverdueOn?: string;
}

export interface PendingObligation extends ObligationRecord {
  readonly status: 'pending';
}

export interface FulfilledObligation extends ObligationRecord {
  readonly status: 'fulfilled';
  readonly fulfilledOn: string;
  readonly late: boolean;
}

export type ObligationState = AbsentObligation | PendingObligation | FulfilledObligation;
export type OpenedObligationState = PendingObligation | FulfilledObligation;

const SUBJECT = /^[a-z][a-z0-9_]*(:[A-Za-z0-9._-]+)+$/;
const RULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const SUBJECT_MAX_LENGTH = 200;
const EVIDENCE_MAX_LENGTH = 200;

export const obligationDecider: Decider<ObligationState, ObligationCommand, ObligationEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: ObligationCommand, state: ObligationState): readonly ObligationEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'OpenObligation':
      return open(command.data, state, today);
    case 'WarnDueSoon':
      return warnDueSoon(opened(state), today);
    case 'MarkOverdue':
      return markOverdue(opened(state), today);
    case 'FulfilObligation':
      return fulfil(command.data, opened(state), today);
    default:
      return unreachable(command);
  }
}

function open(data: OpenObligation['data'], state: ObligationState, today: string): readonly ObligationEvent[] {
  rule(isUuid(data.obligationId), 'OBLIGATION.INVALID_ID', `${String(data.obligationId)} is not a lowercase UUID`);
  rule(
    typeof data.subject === 'string' && data.subject.length <= SUBJECT_MAX_LENGTH && SUBJECT.test(data.subject),
    'OBLIGATION.INVALID_SUBJECT',
    `${String(data.subject)} is not a subject reference such as dual_report:<unit>:<year>:main`,
  );
  rule(isUnitCode(data.unitCode), 'OBLIGATION.INVALID_UNIT_CODE', `${String(data.unitCode)} is not a unit code`);
  rule(
    typeof data.ruleName === 'string' && RULE_NAME.test(data.ruleName),
    'OBLIGATION.INVALID_RULE',
    `${String(data.ruleName)} is not a rule name`,
  );
  requireDay(data.dueOn, 'dueOn');
  requireDay(data.warnFrom, 'warnFrom');
  rule(
    data.warnFrom <= data.dueOn,
    'OBLIGATION.WARNING_AFTER_DUE',
    `the warning from ${data.warnFrom} starts after the due day ${data.dueOn}`,
  );
  if (state.status !== 'absent') {
    const same =
      state.subject === data.subject &&
      state.unitCode === data.unitCode &&
      state.ruleName === data.ruleName &&
      state.dueOn === data.dueOn &&
      state.warnFrom === data.warnFrom;
    rule(same, 'OBLIGATION.ALREADY_OPEN', `obligation ${data.obligationId} is already open with other terms`, 'conflict');
    return [];
  }
  const { obligationId, subject, unitCode, ruleName, dueOn, warnFrom } = data;
  return [{ type: 'ObligationOpened', data: { obligationId, subject, unitCode, ruleName, dueOn, warnFrom, openedOn: today } }];
}

/** At most once, from the warning day up to the due day; later the overdue mark takes over. */
function warnDueSoon(obligation: OpenedObligationState, today: string): readonly ObligationEvent[] {
  if (obligation.status === 'fulfilled' || obligation.warnedOn !== undefined || today > obligation.dueOn) return [];
  rule(
    today >= obligation.warnFrom,
    'OBLIGATION.NOT_DUE_SOON',
    `obligation ${obligation.obligationId} is due soon from ${obligation.warnFrom}, not on ${today}`,
    'conflict',
  );
  return [{ type: 'ObligationDueSoonWarned', data: { ...key(obligation), warnedOn: today } }];
}

/** At most once, from the day after the due day. */
function markOverdue(obligation: OpenedObligationState, today: string): readonly ObligationEvent[] {
  if (obligation.status === 'fulfilled' || obligation.markedOverdueOn !== undefined) return [];
  rule(
    today > obligation.dueOn,
    'OBLIGATION.NOT_YET_OVERDUE',
    `obligation ${obligation.obligationId} is due on ${obligation.dueOn} and is not overdue on ${today}`,
    'conflict',
  );
  return [{ type: 'ObligationMarkedOverdue', data: { ...key(obligation), markedOn: today } }];
}

/** At most once; a repeated fulfilment records nothing. */
function fulfil(data: FulfilObligation['data'], obligation: OpenedObligationState, today: string): readonly ObligationEvent[] {
  if (obligation.status === 'fulfilled') return [];
  requireDay(data.fulfilledOn, 'fulfilledOn');
  rule(data.fulfilledOn <= today, 'OBLIGATION.FULFILLED_IN_FUTURE', `${data.fulfilledOn} is after today (${today})`);
  const evidence = requiredText(data.evidence, {
    requiredCode: 'OBLIGATION.EVIDENCE_REQUIRED',
    field: 'evidence',
    maxLength: EVIDENCE_MAX_LENGTH,
  });
  return [
    {
      type: 'ObligationFulfilled',
      data: { ...key(obligation), fulfilledOn: data.fulfilledOn, late: data.fulfilledOn > obligation.dueOn, evidence },
    },
  ];
}

function evolve(state: ObligationState, event: ObligationEvent): ObligationState {
  if (event.type === 'ObligationOpened') {
    const { obligationId, subject, unitCode, ruleName, dueOn, warnFrom } = event.data;
    return { status: 'pending', obligationId, subject, unitCode, ruleName, dueOn, warnFrom };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'ObligationDueSoonWarned':
      return { ...state, warnedOn: event.data.warnedOn };
    case 'ObligationMarkedOverdue':
      return { ...state, markedOverdueOn: event.data.markedOn };
    case 'ObligationFulfilled':
      return { ...state, status: 'fulfilled', fulfilledOn: event.data.fulfilledOn, late: event.data.late };
    default:
      return unreachable(event);
  }
}

function key(obligation: ObligationRecord): Pick<ObligationOpened['data'], 'obligationId' | 'subject' | 'unitCode' | 'dueOn'> {
  return { obligationId: obligation.obligationId, subject: obligation.subject, unitCode: obligation.unitCode, dueOn: obligation.dueOn };
}

function opened(state: ObligationState): OpenedObligationState {
  if (state.status === 'absent') throw new DomainError('OBLIGATION.NOT_FOUND', 'the obligation has not been opened', 'not_found');
  return state;
}
