import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { DualReportCommand, RecipientFact, ReportedDocumentFact, SubmissionFacts } from './dual-report.commands';
import { dualReportDecider } from './dual-report.decider';
import type { DualReportAcknowledged, DualReportEvent, DualReportResubmitted, DualReportSubmitted, Recipient } from './dual-report.events';

const UNIT = 'zy-pc';
const COMMISSION = 'zy-dc';
const DOC = '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e01';
const DOC_2 = '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e02';
const HASH = '1'.repeat(64);
const HASH_2 = '2'.repeat(64);
/** 2025-01-20 10:00 CST. */
const NOW = new Date('2025-01-20T02:00:00Z');
const SUBMITTER = 'S001';
const CLERK = 'S100';

const HIGHER_COMMITTEE: Recipient = { role: 'higher_party_committee', unitCode: 'zz-pc', name: '中共郑州市委员会' };
const HIGHER_COMMISSION: Recipient = { role: 'higher_commission', unitCode: 'zz-dc', name: '中共郑州市纪律检查委员会' };
const SAME_LEVEL_COMMITTEE: Recipient = { role: 'same_level_party_committee', unitCode: UNIT, name: '中共郑州市中原区委员会' };

const given = (...events: DualReportEvent[]) => deciderSpec(dualReportDecider).given(events);

function command<T extends DualReportCommand['type']>(
  type: T,
  data: Extract<DualReportCommand, { type: T }>['data'],
  now = NOW,
  personId = SUBMITTER,
): DualReportCommand {
  return { type, data, metadata: testMetadata({ now, actor: { personId } }) } as DualReportCommand;
}

const documentFact = (overrides: Partial<ReportedDocumentFact> = {}): ReportedDocumentFact => ({
  kind: 'main_responsibility_report',
  unitCode: UNIT,
  year: 2024,
  contentHash: HASH,
  fullySigned: true,
  ...overrides,
});
const facts = (
  document: ReportedDocumentFact | null = documentFact(),
  recipients: readonly RecipientFact[] = [HIGHER_COMMITTEE, HIGHER_COMMISSION],
): SubmissionFacts => ({ document, recipients });

const submit = (overrides: Partial<Extract<DualReportCommand, { type: 'SubmitDualReport' }>['data']> = {}, now = NOW) =>
  command(
    'SubmitDualReport',
    { unitCode: UNIT, year: 2024, kind: 'main', documentId: DOC, documentVersion: 1, facts: facts(), ...overrides },
    now,
  );
const resubmit = (overrides: Partial<Extract<DualReportCommand, { type: 'ResubmitDualReport' }>['data']> = {}) =>
  command('ResubmitDualReport', {
    unitCode: UNIT,
    year: 2024,
    kind: 'main',
    documentId: DOC_2,
    documentVersion: 1,
    facts: facts(documentFact({ contentHash: HASH_2 })),
    reason: '原报告数据有误，更正后重新报送',
    ...overrides,
  });
const acknowledge = (recipientUnitCode: string, actorUnitCodes: string[] = [recipientUnitCode], submissionNo = 1, note?: string) =>
  command(
    'AcknowledgeDualReport',
    {
      unitCode: UNIT,
      year: 2024,
      kind: 'main',
      submissionNo,
      recipientUnitCode,
      ...(note === undefined ? {} : { note }),
      facts: { actorUnitCodes },
    },
    NOW,
    CLERK,
  );

const submitted = (overrides: Partial<DualReportSubmitted['data']> = {}): DualReportSubmitted => ({
  type: 'DualReportSubmitted',
  data: {
    unitCode: UNIT,
    year: 2024,
    kind: 'main',
    submissionNo: 1,
    documentId: DOC,
    documentVersion: 1,
    contentHash: HASH,
    recipients: [HIGHER_COMMITTEE, HIGHER_COMMISSION],
    submittedOn: '2025-01-20',
    submittedBy: SUBMITTER,
    ...overrides,
  },
});
const resubmitted = (): DualReportResubmitted => ({
  type: 'DualReportResubmitted',
  data: { ...submitted({ submissionNo: 2, documentId: DOC_2, contentHash: HASH_2 }).data, reason: '原报告数据有误，更正后重新报送' },
});
const acknowledged = (recipientUnitCode: string, submissionNo = 1, note?: string): DualReportAcknowledged => ({
  type: 'DualReportAcknowledged',
  data: {
    unitCode: UNIT,
    year: 2024,
    kind: 'main',
    submissionNo,
    recipientUnitCode,
    acknowledgedBy: CLERK,
    acknowledgedOn: '2025-01-20',
    ...(note === undefined ? {} : { note }),
  },
});

describe('Dual report decider (§8 双报告)', () => {
  describe('submitting', () => {
    it('submits the principal leader’s signed report to the higher Party committee and the higher commission', () => {
      given().when(submit()).then([submitted()]);
    });

    it('submits the commission’s signed report to the Party committee of its level and the higher commission', () => {
      const data = {
        unitCode: COMMISSION,
        kind: 'supervisory',
        facts: facts(documentFact({ kind: 'supervisory_responsibility_report', unitCode: COMMISSION }), [
          HIGHER_COMMISSION,
          SAME_LEVEL_COMMITTEE,
        ]),
      };
      given()
        .when(submit(data))
        .then([submitted({ unitCode: COMMISSION, kind: 'supervisory', recipients: [SAME_LEVEL_COMMITTEE, HIGHER_COMMISSION] })]);
    });

    it('DUAL_REPORT.ALREADY_SUBMITTED: a second submission is refused; a replacement is an explicit resubmission', () => {
      given(submitted()).when(submit()).thenThrows('DUAL_REPORT.ALREADY_SUBMITTED', 'conflict');
    });

    it('DUAL_REPORT.INVALID_KIND: the kind is main or supervisory', () => {
      given()
        .when(submit({ kind: 'annual' }))
        .thenThrows('DUAL_REPORT.INVALID_KIND');
    });

    it('DUAL_REPORT.INVALID_UNIT_CODE: the unit is a unit code', () => {
      given()
        .when(submit({ unitCode: 'bad code' }))
        .thenThrows('DUAL_REPORT.INVALID_UNIT_CODE');
    });

    it('DUAL_REPORT.INVALID_YEAR: the year is a year', () => {
      given()
        .when(submit({ year: 24 }))
        .thenThrows('DUAL_REPORT.INVALID_YEAR');
    });

    it('DUAL_REPORT.YEAR_NOT_OVER: a year is reported on once it is over (CST)', () => {
      given()
        .when(submit({}, new Date('2024-12-31T15:59:59Z')))
        .thenThrows('DUAL_REPORT.YEAR_NOT_OVER');
      given()
        .when(submit({}, new Date('2024-12-31T16:00:00Z')))
        .then([submitted({ submittedOn: '2025-01-01' })]);
    });

    it('DUAL_REPORT.DOCUMENT_NOT_FOUND: the report refers to an existing document version', () => {
      given()
        .when(submit({ facts: facts(null) }))
        .thenThrows('DUAL_REPORT.DOCUMENT_NOT_FOUND', 'not_found');
    });

    it.each([
      ['a document of another kind', { kind: 'year_end_report' }],
      ['the commission’s report for a principal leader’s report', { kind: 'supervisory_responsibility_report' }],
      ['a document of another unit', { unitCode: 'jj-pc' }],
      ['a document of another year', { year: 2023 }],
    ])('DUAL_REPORT.WRONG_DOCUMENT: %s is refused', (_case, change) => {
      given()
        .when(submit({ facts: facts(documentFact(change)) }))
        .thenThrows('DUAL_REPORT.WRONG_DOCUMENT');
    });

    it('DUAL_REPORT.DOCUMENT_NOT_SIGNED: only a fully signed version is submitted', () => {
      given()
        .when(submit({ facts: facts(documentFact({ fullySigned: false })) }))
        .thenThrows('DUAL_REPORT.DOCUMENT_NOT_SIGNED', 'conflict');
    });

    it('DUAL_REPORT.RECIPIENT_MISSING: the report goes to both recipients; one the registry cannot name stops it', () => {
      const error = given()
        .when(submit({ facts: facts(documentFact(), [HIGHER_COMMITTEE]) }))
        .thenThrows('DUAL_REPORT.RECIPIENT_MISSING', 'conflict');
      expect(error.details).toEqual({ role: 'higher_commission' });
    });

    it.each([
      ['a recipient role of the other kind', [HIGHER_COMMITTEE, HIGHER_COMMISSION, SAME_LEVEL_COMMITTEE]],
      ['the same role twice', [HIGHER_COMMITTEE, HIGHER_COMMISSION, { ...HIGHER_COMMISSION, unitCode: 'ha-dc' }]],
    ])('DUAL_REPORT.UNEXPECTED_RECIPIENT: %s is refused', (_case, recipients) => {
      given()
        .when(submit({ facts: facts(documentFact(), recipients) }))
        .thenThrows('DUAL_REPORT.UNEXPECTED_RECIPIENT');
    });

    it.each([
      ['the reporting unit itself', [{ ...HIGHER_COMMITTEE, unitCode: UNIT }, HIGHER_COMMISSION]],
      ['one unit for both roles', [HIGHER_COMMITTEE, { ...HIGHER_COMMISSION, unitCode: HIGHER_COMMITTEE.unitCode }]],
      ['a malformed unit code', [{ ...HIGHER_COMMITTEE, unitCode: 'bad code' }, HIGHER_COMMISSION]],
      ['a blank name', [{ ...HIGHER_COMMITTEE, name: ' ' }, HIGHER_COMMISSION]],
    ])('DUAL_REPORT.INVALID_RECIPIENT: %s is refused', (_case, recipients) => {
      given()
        .when(submit({ facts: facts(documentFact(), recipients) }))
        .thenThrows('DUAL_REPORT.INVALID_RECIPIENT');
    });
  });

  describe('resubmitting', () => {
    it('replaces the submission by another signed version, with a reason', () => {
      given(submitted(), acknowledged(HIGHER_COMMITTEE.unitCode)).when(resubmit()).then([resubmitted()]);
    });

    it('asks every recipient to acknowledge the replacement afresh', () => {
      const state = given(submitted(), acknowledged(HIGHER_COMMITTEE.unitCode), resubmitted()).state;
      expect(state.status === 'submitted' && state.current.acknowledgedBy).toEqual([]);
    });

    it('DUAL_REPORT.NOT_SUBMITTED: only a submitted report is resubmitted', () => {
      given().when(resubmit()).thenThrows('DUAL_REPORT.NOT_SUBMITTED', 'not_found');
    });

    it.each([undefined, ' '])('DUAL_REPORT.REASON_REQUIRED: a resubmission says why (%p)', (reason) => {
      given(submitted())
        .when(resubmit({ reason: reason as string }))
        .thenThrows('DUAL_REPORT.REASON_REQUIRED');
    });

    it('DUAL_REPORT.SAME_DOCUMENT: a resubmission submits another document version', () => {
      given(submitted())
        .when(resubmit({ documentId: DOC, facts: facts() }))
        .thenThrows('DUAL_REPORT.SAME_DOCUMENT', 'conflict');
    });

    it('DUAL_REPORT.DOCUMENT_NOT_SIGNED: the replacement is fully signed too', () => {
      given(submitted())
        .when(resubmit({ facts: facts(documentFact({ contentHash: HASH_2, fullySigned: false })) }))
        .thenThrows('DUAL_REPORT.DOCUMENT_NOT_SIGNED', 'conflict');
    });
  });

  describe('acknowledging', () => {
    it('records the acknowledgement of one recipient', () => {
      given(submitted())
        .when(acknowledge(HIGHER_COMMITTEE.unitCode, [HIGHER_COMMITTEE.unitCode], 1, '已收悉'))
        .then([acknowledged(HIGHER_COMMITTEE.unitCode, 1, '已收悉')]);
    });

    it('records the report fully acknowledged when the last recipient acknowledges', () => {
      given(submitted(), acknowledged(HIGHER_COMMITTEE.unitCode))
        .when(acknowledge(HIGHER_COMMISSION.unitCode))
        .then([
          acknowledged(HIGHER_COMMISSION.unitCode),
          {
            type: 'DualReportFullyAcknowledged',
            data: { unitCode: UNIT, year: 2024, kind: 'main', submissionNo: 1, acknowledgedOn: '2025-01-20' },
          },
        ]);
    });

    it('records nothing when the recipient has already acknowledged', () => {
      given(submitted(), acknowledged(HIGHER_COMMITTEE.unitCode)).when(acknowledge(HIGHER_COMMITTEE.unitCode)).thenNothing();
    });

    it('DUAL_REPORT.NOT_SUBMITTED: only a submitted report is acknowledged', () => {
      given().when(acknowledge(HIGHER_COMMITTEE.unitCode)).thenThrows('DUAL_REPORT.NOT_SUBMITTED', 'not_found');
    });

    it('DUAL_REPORT.NOT_A_RECIPIENT: only a recipient acknowledges', () => {
      given(submitted()).when(acknowledge('ha-pc')).thenThrows('DUAL_REPORT.NOT_A_RECIPIENT');
    });

    it('DUAL_REPORT.NOT_RECIPIENT_STAFF: only the recipient unit’s people acknowledge for it', () => {
      given(submitted())
        .when(acknowledge(HIGHER_COMMITTEE.unitCode, [HIGHER_COMMISSION.unitCode]))
        .thenThrows('DUAL_REPORT.NOT_RECIPIENT_STAFF', 'forbidden');
    });

    it('DUAL_REPORT.SUBMISSION_SUPERSEDED: a replaced submission is no longer acknowledged', () => {
      given(submitted(), resubmitted())
        .when(acknowledge(HIGHER_COMMITTEE.unitCode))
        .thenThrows('DUAL_REPORT.SUBMISSION_SUPERSEDED', 'conflict');
      given(submitted(), resubmitted())
        .when(acknowledge(HIGHER_COMMITTEE.unitCode, undefined, 2))
        .then([acknowledged(HIGHER_COMMITTEE.unitCode, 2)]);
    });

    it('TEXT.NATIONAL_ID_NOT_ALLOWED: an acknowledgement note carries no national ID number', () => {
      given(submitted())
        .when(acknowledge(HIGHER_COMMITTEE.unitCode, undefined, 1, '经办人 410102199003074511'))
        .thenThrows('TEXT.NATIONAL_ID_NOT_ALLOWED');
    });
  });
});
