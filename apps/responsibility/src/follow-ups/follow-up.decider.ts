import { chinaDay, DomainError, isOneOf, requireDay, rule, unreachable, type Decider } from '@app/domain';
import { validAttachments } from '../duty-template/evidence-attachments';
import { fieldRule, optionalText, requiredText, requireUnitCode, requireUuid } from '../duty-template/field-rules';
import { actsForCommission, hasAnyRole, UNIT_ROLES, validActor, type ResponsibilityActor } from '../duty-template/responsibility-actor';
import type { AnswerFollowUp, CloseFollowUp, FollowUpCommand, IssueFollowUpNotice } from './follow-up.commands';
import { FOLLOW_UP_OUTCOMES, type FollowUpEvent, type FollowUpNoticeIssued, type RecordRef } from './follow-up.events';

export type FollowUpState =
  | { readonly status: 'absent' }
  | (FollowUpNoticeIssued['data'] & {
      readonly status: 'issued' | 'answered' | 'closed';
      readonly answerIds: readonly string[];
      readonly closedOn?: string;
    });
type ExistingNotice = Exclude<FollowUpState, { status: 'absent' }>;

const MAX_TEXT = 2000;
const MAX_REMARK = 500;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const ITEM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const followUpDecider: Decider<FollowUpState, FollowUpCommand, FollowUpEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: FollowUpCommand, state: FollowUpState): readonly FollowUpEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'IssueFollowUpNotice':
      return issue(command.data, state, today);
    case 'CommentOnFollowUp': {
      const by = pairedCommission(command.data.actor).staffNumber;
      openNotice(state);
      return [
        {
          type: 'FollowUpCommented',
          data: { text: requiredText(command.data.text, 'text', MAX_TEXT, 'FOLLOW_UP.TEXT_REQUIRED'), on: today, by },
        },
      ];
    }
    case 'AnswerFollowUp':
      return answer(command.data, state, today);
    case 'CloseFollowUp':
      return close(command.data, state, today);
    default:
      return unreachable(command);
  }
}

function issue(data: IssueFollowUpNotice['data'], state: FollowUpState, today: string): readonly FollowUpEvent[] {
  const issuedBy = pairedCommission(data.actor).staffNumber;
  rule(state.status === 'absent', 'FOLLOW_UP.ALREADY_ISSUED', `notice ${data.noticeId} exists already`, 'conflict');
  const unitCode = requireUnitCode(data.unitCode, 'unitCode');
  const commissionCode = requireUnitCode(data.commissionCode, 'commissionCode');
  fieldRule(
    commissionCode !== unitCode,
    'FOLLOW_UP.SELF_SUPERVISION',
    'a unit does not issue follow-up notices to itself',
    'commissionCode',
  );
  requireDay(data.deadline, 'deadline');
  fieldRule(
    data.deadline >= today,
    'FOLLOW_UP.DEADLINE_IN_PAST',
    `deadline ${data.deadline} has passed already (today is ${today})`,
    'deadline',
  );
  return [
    {
      type: 'FollowUpNoticeIssued',
      data: {
        noticeId: requireUuid(data.noticeId, 'noticeId'),
        unitCode,
        commissionCode,
        record: recordRef(data.record),
        text: requiredText(data.text, 'text', MAX_TEXT, 'FOLLOW_UP.TEXT_REQUIRED'),
        deadline: data.deadline,
        issuedOn: today,
        issuedBy,
      },
    },
  ];
}

function answer(data: AnswerFollowUp['data'], state: FollowUpState, today: string): readonly FollowUpEvent[] {
  const actor = validActor(data.actor);
  if (actsForCommission(actor) || !hasAnyRole(actor, UNIT_ROLES)) {
    throw new DomainError('FOLLOW_UP.NOT_UNIT_MEMBER', `${actor.staffNumber} does not answer for the unit`, 'forbidden');
  }
  const notice = openNotice(state);
  const answerId = requireUuid(data.answerId, 'answerId');
  rule(!notice.answerIds.includes(answerId), 'FOLLOW_UP.DUPLICATE_ANSWER', `answer ${answerId} is recorded already`, 'conflict');
  return [
    {
      type: 'FollowUpAnswered',
      data: {
        answerId,
        text: requiredText(data.text, 'text', MAX_TEXT, 'FOLLOW_UP.TEXT_REQUIRED'),
        attachments: validAttachments(data.attachments),
        on: today,
        by: actor.staffNumber,
        late: today > notice.deadline,
      },
    },
  ];
}

function close(data: CloseFollowUp['data'], state: FollowUpState, today: string): readonly FollowUpEvent[] {
  const by = pairedCommission(data.actor).staffNumber;
  const notice = openNotice(state);
  const outcome = data.outcome;
  fieldRule(
    isOneOf(FOLLOW_UP_OUTCOMES, outcome),
    'FOLLOW_UP.INVALID_OUTCOME',
    `${String(outcome)} is not an outcome of a follow-up`,
    'outcome',
  );
  rule(
    outcome !== 'resolved' || notice.answerIds.length > 0,
    'FOLLOW_UP.NOT_ANSWERED',
    'a notice the unit has not answered cannot be closed as resolved',
    'conflict',
  );
  const remark = optionalText(data.remark, 'remark', MAX_REMARK);
  return [{ type: 'FollowUpClosed', data: { outcome, ...(remark === undefined ? {} : { remark }), on: today, by } }];
}

function evolve(state: FollowUpState, event: FollowUpEvent): FollowUpState {
  if (event.type === 'FollowUpNoticeIssued') return { ...event.data, status: 'issued', answerIds: [] };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'FollowUpCommented':
      return state;
    case 'FollowUpAnswered':
      return { ...state, status: 'answered', answerIds: [...state.answerIds, event.data.answerId] };
    case 'FollowUpClosed':
      return { ...state, status: 'closed', closedOn: event.data.on };
    default:
      return unreachable(event);
  }
}

/** Supervision of a unit is its paired commission's, as the registry has the pairing on the command's day. */
function pairedCommission(actorInput: unknown): ResponsibilityActor {
  const actor = validActor(actorInput);
  rule(
    actor.roles.includes('paired_commission'),
    'FOLLOW_UP.NOT_PAIRED_COMMISSION',
    `${actor.staffNumber} does not act for the commission paired with the unit`,
    'forbidden',
  );
  return actor;
}

function openNotice(state: FollowUpState): ExistingNotice {
  rule(state.status !== 'absent', 'FOLLOW_UP.NOT_FOUND', 'no such follow-up notice', 'not_found');
  rule(state.status !== 'closed', 'FOLLOW_UP.CLOSED', `notice ${state.noticeId} was closed on ${state.closedOn}`, 'conflict');
  return state;
}

function recordRef(value: unknown): RecordRef {
  const { streamId, item } = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof RecordRef, unknown>>;
  fieldRule(
    typeof streamId === 'string' && STREAM_ID.test(streamId),
    'FOLLOW_UP.INVALID_RECORD',
    'record.streamId names no record',
    'record.streamId',
  );
  if (item === undefined) return { streamId };
  fieldRule(typeof item === 'string' && ITEM.test(item), 'FOLLOW_UP.INVALID_RECORD', 'record.item names no item or entry', 'record.item');
  return { streamId, item };
}
