import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { ReviewActor, ReviewCommand } from './review.commands';
import { reviewDecider } from './review.decider';
import type { ResponsibilityReviewFindingRecorded, ResponsibilityReviewOpened, ReviewEvent, ReviewSubject } from './review.events';

const CASE = '5f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const REVIEW = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const HIGHER_REVIEW = '7b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e';
const F1 = '00000000-0000-4000-8000-000000000001';
const F2 = '00000000-0000-4000-8000-000000000002';
const F3 = '00000000-0000-4000-8000-000000000003';
const F4 = '00000000-0000-4000-8000-000000000004';
const F5 = '00000000-0000-4000-8000-000000000005';

const reviewer: ReviewActor = { staffNumber: 'J001', commissionCodes: ['CITY-JW'] };
const pairedCommission: ReviewActor = { staffNumber: 'J900', commissionCodes: ['DIST-JW'] };

const subject = (s: Partial<ReviewSubject> & Pick<ReviewSubject, 'responsibility' | 'subject' | 'unitCode'>): ReviewSubject => ({
  staffNumber: null,
  from: '2021-01-01',
  to: '2022-12-31',
  acting: false,
  ...s,
});
const SUBJECTS: ReviewSubject[] = [
  subject({ responsibility: 'main', subject: 'committee', unitCode: 'DIST' }),
  subject({ responsibility: 'main', subject: 'principal_leader', unitCode: 'DIST', staffNumber: 'D-OLD', to: '2021-06-30' }),
  subject({ responsibility: 'main', subject: 'principal_leader', unitCode: 'DIST', staffNumber: 'D-MID', from: '2021-07-01' }),
  subject({ responsibility: 'supervisory', subject: 'commission', unitCode: 'DIST-JW' }),
  subject({ responsibility: 'supervisory', subject: 'secretary', unitCode: 'DIST-JW', staffNumber: 'D-SEC' }),
];

type DataOf<T extends ReviewCommand['type']> = Extract<ReviewCommand, { type: T }>['data'];
function command<T extends ReviewCommand['type']>(type: T, data: DataOf<T>, day = '2025-03-10'): ReviewCommand {
  return { type, data, metadata: testMetadata({ now: new Date(`${day}T02:00:00Z`) }) } as ReviewCommand;
}
const given = (...events: ReviewEvent[]) => deciderSpec(reviewDecider).given(events);

const openData: DataOf<'OpenReview'> = {
  reviewId: REVIEW,
  caseId: CASE,
  handlingCommissionCode: 'CITY-JW',
  unitCode: 'DIST',
  periodFrom: '2021-01-01',
  periodTo: '2022-12-31',
  caseStaffNumbers: ['S-CADRE'],
  subjects: SUBJECTS,
  reviewingCommissionCodes: ['CITY-JW'],
  escalatedFrom: null,
};
const opened: ResponsibilityReviewOpened = {
  type: 'ResponsibilityReviewOpened',
  data: { ...openData, openedOn: '2025-03-10' },
};
const open = (data: Partial<DataOf<'OpenReview'>> = {}) => command('OpenReview', { ...openData, ...data });

const findingData = (findingId: string, s: ReviewSubject, carriedOut: boolean): DataOf<'RecordReviewFinding'> => ({
  reviewId: REVIEW,
  findingId,
  responsibility: s.responsibility,
  subject: s.subject,
  unitCode: s.unitCode,
  staffNumber: s.staffNumber,
  carriedOut,
  text: carriedOut ? '按要求落实' : '未开展廉政谈话，台账缺失',
  evidence: ['ten-things-dist-2021-3'],
  actor: reviewer,
});
const find = (findingId: string, s: ReviewSubject, carriedOut: boolean, overrides: Partial<DataOf<'RecordReviewFinding'>> = {}) =>
  command('RecordReviewFinding', { ...findingData(findingId, s, carriedOut), ...overrides });
const recorded = (findingId: string, s: ReviewSubject, carriedOut: boolean): ResponsibilityReviewFindingRecorded => {
  const { actor: _actor, reviewId: _reviewId, ...data } = findingData(findingId, s, carriedOut);
  return {
    type: 'ResponsibilityReviewFindingRecorded',
    data: {
      ...data,
      responsibility: s.responsibility,
      subject: s.subject,
      staffNumber: s.staffNumber,
      evidence: data.evidence ?? [],
      on: '2025-03-10',
      by: 'J001',
    },
  };
};
const allFound = (failedIndex?: number) =>
  SUBJECTS.map((s, i) => recorded(`00000000-0000-4000-8000-00000000010${i}`, s, i !== failedIndex));
const escalated: ReviewEvent = {
  type: 'ResponsibilityReviewEscalated',
  data: { toReviewId: HIGHER_REVIEW, toUnitCode: 'CITY', reason: '区委长期不抓不管', on: '2025-03-10', by: 'J001' },
};
const escalate = (higher: DataOf<'EscalateReview'>['higher'] = { unitCode: 'CITY', reviewId: HIGHER_REVIEW }, actor = reviewer) =>
  command('EscalateReview', { reviewId: REVIEW, higher, reason: '区委长期不抓不管', actor });
const conclude = (actor = reviewer) => command('ConcludeReview', { reviewId: REVIEW, summary: '主体责任落实不到位', actor });

describe('Responsibility review decider (一案双究, seed §14)', () => {
  describe('opening from a concluded case', () => {
    it('opens the review of the unit’s committee, leader, commission and secretary as they were in the period', () => {
      given().when(open()).then([opened]);
    });

    it('is idempotent: the same case again (a redelivery, a second finding at the unit) opens nothing new', () => {
      given(opened).when(open()).thenNothing();
    });

    it('a review id belongs to one case', () => {
      given(opened)
        .when(open({ caseId: '9c9c9c9c-0000-4000-8000-000000000000' }))
        .thenThrows('REVIEW.ALREADY_OPEN', 'conflict');
    });

    it('the period is a real one that has ended', () => {
      given()
        .when(open({ periodTo: '2020-12-31' }))
        .thenThrows('REVIEW.INVALID_PERIOD', 'invalid');
      given()
        .when(open({ periodTo: '2025-12-31' }))
        .thenThrows('REVIEW.PERIOD_IN_FUTURE', 'invalid');
      given()
        .when(open({ periodFrom: '2021-1-1' }))
        .thenThrows('DATE.INVALID', 'invalid');
    });

    it('a unit with no committee or commission in the period cannot be reviewed', () => {
      given()
        .when(open({ subjects: [] }))
        .thenThrows('REVIEW.NO_SUBJECTS', 'invalid');
    });
  });

  describe('findings', () => {
    it('a reviewer records, per responsibility and holder, whether it was carried out, with the records it rests on', () => {
      given(opened)
        .when(find(F1, SUBJECTS[1], false))
        .then([recorded(F1, SUBJECTS[1], false)]);
    });

    it('a finding is on a person who held the post during the period, not on anyone else', () => {
      const error = given(opened)
        .when(find(F1, SUBJECTS[1], false, { staffNumber: 'D-NOW' }))
        .thenThrows('REVIEW.NOT_A_HOLDER', 'invalid');
      expect(error.details).toEqual({ field: 'staffNumber' });
      given(opened)
        .when(find(F1, SUBJECTS[0], false, { unitCode: 'ELSEWHERE' }))
        .thenThrows('REVIEW.NOT_A_HOLDER', 'invalid');
    });

    it('main responsibility is the committee’s and leader’s, supervisory the commission’s and secretary’s', () => {
      given(opened)
        .when(find(F1, SUBJECTS[1], false, { responsibility: 'supervisory' }))
        .thenThrows('REVIEW.SUBJECT_MISMATCH', 'invalid');
      given(opened)
        .when(find(F1, SUBJECTS[1], false, { responsibility: 'other' }))
        .thenThrows('REVIEW.INVALID_RESPONSIBILITY', 'invalid');
      given(opened)
        .when(find(F1, SUBJECTS[0], false, { staffNumber: 'D-OLD' }))
        .thenThrows('REVIEW.SUBJECT_MISMATCH', 'invalid');
    });

    it('only a reviewing commission records findings; the commission under review does not', () => {
      given(opened)
        .when(find(F1, SUBJECTS[4], true, { actor: pairedCommission }))
        .thenThrows('REVIEW.NOT_REVIEWER', 'forbidden');
    });

    it('a finding id is recorded once; evidence names records by their streams', () => {
      given(opened, recorded(F1, SUBJECTS[1], false))
        .when(find(F1, SUBJECTS[2], true))
        .thenThrows('REVIEW.DUPLICATE_FINDING', 'conflict');
      given(opened)
        .when(find(F1, SUBJECTS[2], true, { evidence: ['../etc'] }))
        .thenThrows('REVIEW.INVALID_EVIDENCE', 'invalid');
    });

    it('an unknown review has no findings', () => {
      given()
        .when(find(F1, SUBJECTS[1], false))
        .thenThrows('REVIEW.NOT_FOUND', 'not_found');
    });
  });

  describe('bottom-up tracing (责任倒查)', () => {
    it('a failure found at the unit escalates the review to the committee one level up', () => {
      given(opened, recorded(F1, SUBJECTS[1], false))
        .when(escalate())
        .then([escalated]);
    });

    it('without a failure there is nothing to trace up', () => {
      given(opened, recorded(F1, SUBJECTS[1], true))
        .when(escalate())
        .thenThrows('REVIEW.NO_FAILURE_FOUND', 'conflict');
      // A later finding on the same person supersedes the earlier.
      given(opened, recorded(F1, SUBJECTS[1], false), recorded(F2, SUBJECTS[1], true))
        .when(escalate())
        .thenThrows('REVIEW.NO_FAILURE_FOUND', 'conflict');
    });

    it('not above the top, and once', () => {
      given(opened, recorded(F1, SUBJECTS[1], false))
        .when(escalate(null))
        .thenThrows('REVIEW.NO_HIGHER_LEVEL', 'conflict');
      given(opened, recorded(F1, SUBJECTS[1], false), escalated)
        .when(escalate())
        .thenThrows('REVIEW.ALREADY_ESCALATED', 'conflict');
    });

    it('only a reviewer escalates', () => {
      given(opened, recorded(F1, SUBJECTS[1], false))
        .when(escalate(undefined, pairedCommission))
        .thenThrows('REVIEW.NOT_REVIEWER', 'forbidden');
    });
  });

  describe('conclusion', () => {
    it('concludes with each responsibility not carried out as a failure for case handling, and the escalation', () => {
      const findings = allFound(1);
      given(opened, ...findings, escalated)
        .when(conclude())
        .then([
          {
            type: 'ResponsibilityReviewConcluded',
            data: {
              reviewId: REVIEW,
              caseId: CASE,
              unitCode: 'DIST',
              periodFrom: '2021-01-01',
              periodTo: '2022-12-31',
              failures: [{ responsibility: 'main', subject: 'principal_leader', unitCode: 'DIST', staffNumber: 'D-OLD' }],
              escalatedToUnitCode: 'CITY',
              summary: '主体责任落实不到位',
              concludedOn: '2025-03-10',
              by: 'J001',
            },
          },
        ]);
    });

    it('every holder of every responsibility has a finding first', () => {
      const error = given(opened, recorded(F3, SUBJECTS[0], true), recorded(F4, SUBJECTS[1], true), recorded(F5, SUBJECTS[2], true))
        .when(conclude())
        .thenThrows('REVIEW.FINDINGS_MISSING', 'conflict');
      expect(error.details).toEqual({
        missing: [
          { responsibility: 'supervisory', subject: 'commission', unitCode: 'DIST-JW', staffNumber: null },
          { responsibility: 'supervisory', subject: 'secretary', unitCode: 'DIST-JW', staffNumber: 'D-SEC' },
        ],
      });
    });

    it('once: concluding twice, or a finding after the conclusion, is refused', () => {
      const state = given(opened, ...allFound())
        .when(conclude())
        .then([expect.anything() as never]);
      expect(state).toMatchObject({ status: 'concluded', conclusion: { failures: [] } });
      const concluded: ReviewEvent = {
        type: 'ResponsibilityReviewConcluded',
        data: {
          reviewId: REVIEW,
          caseId: CASE,
          unitCode: 'DIST',
          periodFrom: '2021-01-01',
          periodTo: '2022-12-31',
          failures: [],
          escalatedToUnitCode: null,
          summary: '落实到位',
          concludedOn: '2025-03-10',
          by: 'J001',
        },
      };
      given(opened, ...allFound(), concluded)
        .when(conclude())
        .thenThrows('REVIEW.ALREADY_CONCLUDED', 'conflict');
      given(opened, ...allFound(), concluded)
        .when(find(F1, SUBJECTS[1], false))
        .thenThrows('REVIEW.ALREADY_CONCLUDED', 'conflict');
    });

    it('only a reviewer concludes; an unknown review is not found', () => {
      given(opened, ...allFound())
        .when(conclude(pairedCommission))
        .thenThrows('REVIEW.NOT_REVIEWER', 'forbidden');
      given().when(conclude()).thenThrows('REVIEW.NOT_FOUND', 'not_found');
    });
  });
});
