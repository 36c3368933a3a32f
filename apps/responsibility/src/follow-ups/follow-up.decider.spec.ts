import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';
import type { FollowUpCommand } from './follow-up.commands';
import { followUpDecider } from './follow-up.decider';
import type { FollowUpEvent, FollowUpNoticeIssued } from './follow-up.events';

const NOTICE = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
const ANSWER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SECOND_ANSWER = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const ISSUED_ON = '2024-05-06';

const inspector: ResponsibilityActor = { staffNumber: 'J001', roles: ['paired_commission'] };
const otherCommission: ResponsibilityActor = { staffNumber: 'J900', roles: ['commission'] };
const office: ResponsibilityActor = { staffNumber: 'S009', roles: ['unit_staff'] };
const member: ResponsibilityActor = { staffNumber: 'S002', roles: ['team_member'] };

type DataOf<T extends FollowUpCommand['type']> = Extract<FollowUpCommand, { type: T }>['data'];
function command<T extends FollowUpCommand['type']>(type: T, data: DataOf<T>, day = '2024-05-20'): FollowUpCommand {
  return { type, data, metadata: testMetadata({ now: new Date(`${day}T02:00:00Z`) }) } as FollowUpCommand;
}
const given = (...events: FollowUpEvent[]) => deciderSpec(followUpDecider).given(events);

const issuedData: FollowUpNoticeIssued['data'] = {
  noticeId: NOTICE,
  unitCode: 'zy-pc',
  commissionCode: 'zy-dc',
  record: { streamId: 'ten-things-zy-pc-2024-3', item: '1a2b3c4d-0000-4000-8000-000000000001' },
  text: '廉政党课台账缺少签到表，请补充佐证材料',
  deadline: '2024-05-31',
  issuedOn: ISSUED_ON,
  issuedBy: 'J001',
};
const issued: FollowUpNoticeIssued = { type: 'FollowUpNoticeIssued', data: issuedData };
const answered = (late = false, on = '2024-05-20'): FollowUpEvent => ({
  type: 'FollowUpAnswered',
  data: { answerId: ANSWER, text: '已补充签到表', attachments: [], on, by: 'S009', late },
});
const closed: FollowUpEvent = { type: 'FollowUpClosed', data: { outcome: 'resolved', on: '2024-05-21', by: 'J001' } };

const issue = (data: Partial<DataOf<'IssueFollowUpNotice'>> = {}, day = ISSUED_ON) =>
  command('IssueFollowUpNotice', { ...issuedData, actor: inspector, ...data }, day);
const comment = (actor = inspector) => command('CommentOnFollowUp', { noticeId: NOTICE, text: '签到表不完整', actor });
const answer = (actor = office, day = '2024-05-20', answerId = ANSWER) =>
  command('AnswerFollowUp', { noticeId: NOTICE, answerId, text: '已补充签到表', actor }, day);
const close = (outcome = 'resolved', actor = inspector) => command('CloseFollowUp', { noticeId: NOTICE, outcome, actor }, '2024-05-21');

describe('Follow-up decider (督办)', () => {
  describe('issuing a notice', () => {
    it('the paired commission comments on a unit’s record and asks for an answer by a deadline', () => {
      given().when(issue()).then([issued]);
    });

    it('only the commission paired with the unit that day issues notices', () => {
      given()
        .when(issue({ actor: otherCommission }))
        .thenThrows('FOLLOW_UP.NOT_PAIRED_COMMISSION', 'forbidden');
      given()
        .when(issue({ actor: office }))
        .thenThrows('FOLLOW_UP.NOT_PAIRED_COMMISSION', 'forbidden');
    });

    it('the deadline is not in the past', () => {
      const error = given()
        .when(issue({ deadline: '2024-05-05' }))
        .thenThrows('FOLLOW_UP.DEADLINE_IN_PAST', 'invalid');
      expect(error.details).toEqual({ field: 'deadline' });
    });

    it('a notice names the record it is about', () => {
      given()
        .when(issue({ record: { streamId: '' } }))
        .thenThrows('FOLLOW_UP.INVALID_RECORD', 'invalid');
    });

    it('a notice’s text refuses national ID numbers', () => {
      given()
        .when(issue({ text: '请核实11010519491231002X的情况' }))
        .thenThrows('TEXT.NATIONAL_ID', 'invalid');
    });

    it('a notice id is issued once', () => {
      given(issued).when(issue()).thenThrows('FOLLOW_UP.ALREADY_ISSUED', 'conflict');
    });
  });

  describe('commenting and answering', () => {
    it('the paired commission adds comments to its notice', () => {
      given(issued)
        .when(comment())
        .then([{ type: 'FollowUpCommented', data: { text: '签到表不完整', on: '2024-05-20', by: 'J001' } }]);
    });

    it('the unit does not comment in the commission’s name', () => {
      given(issued).when(comment(member)).thenThrows('FOLLOW_UP.NOT_PAIRED_COMMISSION', 'forbidden');
    });

    it('the unit’s people answer', () => {
      given(issued).when(answer()).then([answered()]);
    });

    it('an answer after the deadline is flagged late', () => {
      given(issued)
        .when(answer(office, '2024-06-03'))
        .then([answered(true, '2024-06-03')]);
    });

    it('a commission never answers for the unit', () => {
      given(issued).when(answer(inspector)).thenThrows('FOLLOW_UP.NOT_UNIT_MEMBER', 'forbidden');
      given(issued)
        .when(answer({ staffNumber: 'X1', roles: [] }))
        .thenThrows('FOLLOW_UP.NOT_UNIT_MEMBER', 'forbidden');
    });

    it('the unit answers again, each answer once', () => {
      given(issued, answered())
        .when(answer(member, '2024-05-20', SECOND_ANSWER))
        .then([
          {
            type: 'FollowUpAnswered',
            data: { answerId: SECOND_ANSWER, text: '已补充签到表', attachments: [], on: '2024-05-20', by: 'S002', late: false },
          },
        ]);
      given(issued, answered()).when(answer()).thenThrows('FOLLOW_UP.DUPLICATE_ANSWER', 'conflict');
    });

    it('a notice that does not exist is not found', () => {
      given().when(answer()).thenThrows('FOLLOW_UP.NOT_FOUND', 'not_found');
    });
  });

  describe('closing', () => {
    it('the paired commission closes an answered notice as resolved', () => {
      given(issued, answered()).when(close()).then([closed]);
    });

    it('a notice is resolved only once the unit has answered', () => {
      given(issued).when(close()).thenThrows('FOLLOW_UP.NOT_ANSWERED', 'conflict');
      given(issued)
        .when(close('unresolved'))
        .then([{ type: 'FollowUpClosed', data: { outcome: 'unresolved', on: '2024-05-21', by: 'J001' } }]);
    });

    it('the outcome is one the platform knows', () => {
      given(issued, answered()).when(close('forgotten')).thenThrows('FOLLOW_UP.INVALID_OUTCOME', 'invalid');
    });

    it('the unit does not close the commission’s notice', () => {
      given(issued, answered()).when(close('resolved', office)).thenThrows('FOLLOW_UP.NOT_PAIRED_COMMISSION', 'forbidden');
    });

    it('a closed notice takes no more answers, comments or closings', () => {
      given(issued, answered(), closed)
        .when(answer(office, '2024-05-22', SECOND_ANSWER))
        .thenThrows('FOLLOW_UP.CLOSED', 'conflict');
      given(issued, answered(), closed).when(comment()).thenThrows('FOLLOW_UP.CLOSED', 'conflict');
      given(issued, answered(), closed).when(close()).thenThrows('FOLLOW_UP.CLOSED', 'conflict');
    });
  });
});
