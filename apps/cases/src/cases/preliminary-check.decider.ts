import {
  chinaDay,
  fieldRule,
  isOneOf,
  requireDay,
  requiredText,
  requireUnitCode,
  requireUuid,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import { requireSubjects } from './case.decider';
import { handlingOfficer, type Subject } from './handling-actor';
import type { ConcludePreliminaryCheck, OpenPreliminaryCheck, PreliminaryCheckCommand } from './preliminary-check.commands';
import { CHECK_DECISIONS, type CheckDecision, type PreliminaryCheckEvent } from './preliminary-check.events';

export interface OpenedCheck {
  readonly status: 'open' | 'concluded';
  readonly checkId: string;
  readonly commission: string;
  readonly clueId: string;
  readonly inquiryId: string | null;
  readonly subjects: readonly Subject[];
  readonly openedOn: string;
  readonly decision?: CheckDecision;
  readonly caseId?: string | null;
  readonly reason?: string;
  readonly concludedOn?: string;
}

export type PreliminaryCheckState = { readonly status: 'absent' } | OpenedCheck;

const MAX_REASON = 1000;

export const preliminaryCheckDecider: Decider<PreliminaryCheckState, PreliminaryCheckCommand, PreliminaryCheckEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: PreliminaryCheckCommand, state: PreliminaryCheckState): readonly PreliminaryCheckEvent[] {
  switch (command.type) {
    case 'OpenPreliminaryCheck':
      return open(command.data, state);
    case 'ConcludePreliminaryCheck':
      return conclude(command.data, state, chinaDay(command.metadata.now));
    default:
      return unreachable(command);
  }
}

/** Opening again for the same clue and inquiry is the same check: nothing new. */
function open(data: OpenPreliminaryCheck['data'], state: PreliminaryCheckState): readonly PreliminaryCheckEvent[] {
  if (state.status !== 'absent') {
    rule(
      state.clueId === data.clueId && state.inquiryId === data.inquiryId,
      'PRELIMINARY_CHECK.ALREADY_OPENED',
      `check ${state.checkId} was opened for another clue or inquiry`,
      'conflict',
    );
    return [];
  }
  requireDay(data.openedOn, 'openedOn');
  return [
    {
      type: 'PreliminaryCheckOpened',
      data: {
        checkId: requireUuid(data.checkId, 'checkId'),
        commission: requireUnitCode(data.commission, 'commission'),
        clueId: requireUuid(data.clueId, 'clueId'),
        inquiryId: data.inquiryId === null ? null : requireUuid(data.inquiryId, 'inquiryId'),
        subjects: requireSubjects(data.subjects),
        openedOn: data.openedOn,
      },
    },
  ];
}

/** Once: open a case (立案) or close (予以了结), with the reason; a decision on a concluded check is a conflict. */
function conclude(data: ConcludePreliminaryCheck['data'], state: PreliminaryCheckState, today: string): readonly PreliminaryCheckEvent[] {
  rule(state.status !== 'absent', 'PRELIMINARY_CHECK.NOT_FOUND', 'no such preliminary check', 'not_found');
  const actor = handlingOfficer(
    data.actor,
    state.commission,
    state.subjects.map((subject) => subject.staffNumber),
  );
  rule(
    state.status === 'open',
    'PRELIMINARY_CHECK.CONCLUDED',
    `check ${state.checkId} was concluded on ${state.concludedOn} (${state.decision})`,
    'conflict',
  );
  fieldRule(isOneOf(CHECK_DECISIONS, data.decision), 'PRELIMINARY_CHECK.INVALID_DECISION', 'decision is open_case or close', 'decision');
  const reason = requiredText(data.reason, 'reason', MAX_REASON, 'PRELIMINARY_CHECK.REASON_REQUIRED');
  return [
    {
      type: 'PreliminaryCheckConcluded',
      data: {
        checkId: state.checkId,
        commission: state.commission,
        clueId: state.clueId,
        decision: data.decision,
        caseId: data.decision === 'open_case' ? requireUuid(data.caseId, 'caseId') : null,
        reason,
        concludedOn: today,
        by: actor.staffNumber,
      },
    },
  ];
}

function evolve(state: PreliminaryCheckState, event: PreliminaryCheckEvent): PreliminaryCheckState {
  switch (event.type) {
    case 'PreliminaryCheckOpened':
      return { status: 'open', ...event.data };
    case 'PreliminaryCheckConcluded':
      if (state.status === 'absent') return state;
      return {
        ...state,
        status: 'concluded',
        decision: event.data.decision,
        caseId: event.data.caseId,
        reason: event.data.reason,
        concludedOn: event.data.concludedOn,
      };
    default:
      return unreachable(event);
  }
}
