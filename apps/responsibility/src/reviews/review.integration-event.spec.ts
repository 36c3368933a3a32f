import { RESPONSIBILITY_EVENT_SCHEMAS } from '@app/contracts';
import { schemaValidator } from '@app/testing';
import { announce } from '../responsibility.integration-events';
import type { ReviewEvent } from './review.events';

const CASE = '5f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const validate = schemaValidator();

describe('what a review tells case handling', () => {
  const concluded: ReviewEvent = {
    type: 'ResponsibilityReviewConcluded',
    data: {
      reviewId: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
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
  };

  it('a concluded review is responsibility.ResponsibilityReviewConcluded@1, without the summary or the reviewer', () => {
    const message = announce(concluded)!;
    expect(message).toEqual({
      type: 'responsibility.ResponsibilityReviewConcluded',
      version: 1,
      data: {
        reviewId: concluded.data.reviewId,
        caseId: CASE,
        unitCode: 'DIST',
        periodFrom: '2021-01-01',
        periodTo: '2022-12-31',
        concludedOn: '2025-03-10',
        failures: [{ responsibility: 'main', subject: 'principal_leader', unitCode: 'DIST', staffNumber: 'D-OLD' }],
        escalatedToUnitCode: 'CITY',
      },
    });
    expect(validate(RESPONSIBILITY_EVENT_SCHEMAS['responsibility.ResponsibilityReviewConcluded@1'], message.data)).toEqual([]);
  });

  it('opening, findings and escalation stay in the service', () => {
    expect(announce({ type: 'ResponsibilityReviewEscalated', data: {} })).toBeNull();
    expect(announce({ type: 'ResponsibilityReviewFindingRecorded', data: {} })).toBeNull();
  });
});
