import type { DomainEvent } from '@app/domain';
import { announce } from './responsibility.integration-events';

const event = (type: string, data: object) => ({ type, data }) as DomainEvent;

describe('what responsibility tracking announces', () => {
  test('a generated list: its unit, year, size and day — not its items', () => {
    const items = [{ key: 'committee.3.1', title: '研究部署' }, { key: 'committee.3.2' }];
    expect(announce(event('ResponsibilityListGenerated', { unitCode: 'JS-QW', year: 2026, createdOn: '2026-01-05', items }))).toEqual({
      type: 'responsibility.ListGenerated',
      version: 1,
      data: { unitCode: 'JS-QW', year: 2026, itemCount: 2, createdOn: '2026-01-05' },
    });
  });

  test('a sign-off: who signed which version by which key — never the opinion or the signature', () => {
    const message = announce(
      event('DocumentVersionSigned', {
        documentId: 'd-1',
        version: 2,
        contentHash: 'a'.repeat(64),
        role: 'main_responsibility',
        signerStaffNumber: 'S1',
        signerPost: 'principal_leader',
        signerUnitCode: 'JS-QW',
        opinion: '同意',
        algorithm: 'sm2',
        keyFingerprint: 'b'.repeat(64),
        signature: 'c'.repeat(128),
        statementFormat: 'signoff/v1',
        signedOn: '2026-01-06',
      }),
    );
    expect(message?.type).toBe('responsibility.DocumentSignedOff');
    expect(JSON.stringify(message)).not.toMatch(/同意|cccc|signoff\/v1/);
  });

  test('a missed obligation and a dual report name units and days; drafts, revisions and ledgers stay private', () => {
    expect(
      announce(
        event('ObligationMarkedOverdue', {
          obligationId: 'o-1',
          subject: 'dual_report:JS-QW:2025:main',
          unitCode: 'JS-QW',
          dueOn: '2026-01-31',
          markedOn: '2026-02-01',
        }),
      ),
    ).toEqual({
      type: 'responsibility.ObligationOverdue',
      version: 1,
      data: { obligationId: 'o-1', subject: 'dual_report:JS-QW:2025:main', unitCode: 'JS-QW', dueOn: '2026-01-31', markedOn: '2026-02-01' },
    });
    const submitted = announce(
      event('DualReportSubmitted', {
        unitCode: 'JS-QW',
        year: 2025,
        kind: 'main',
        submissionNo: 1,
        documentId: 'd-2',
        documentVersion: 1,
        contentHash: 'a'.repeat(64),
        recipients: [{ role: 'higher_party_committee', unitCode: 'ZZ-SW', name: '中共郑州市委员会' }],
        submittedOn: '2026-01-20',
        submittedBy: 'S1',
      }),
    );
    expect(submitted?.data).toMatchObject({ recipientUnitCodes: ['ZZ-SW'] });
    for (const type of ['DocumentDrafted', 'DocumentRevised', 'TenThingsLedgerEntryRecorded', 'TaskRecorded', 'FollowUpNoticeIssued']) {
      expect(announce(event(type, {}))).toBeNull();
    }
  });

  test('an approved list and deadline rule changes: who, which rule, from when — with the legal basis the rule rests on', () => {
    expect(
      announce(event('ResponsibilityListApproved', { unitCode: 'JS-QW', year: 2026, revision: 2, contentHash: 'a'.repeat(64) })),
    ).toEqual({
      type: 'responsibility.ListApproved',
      version: 1,
      data: { unitCode: 'JS-QW', year: 2026, revision: 2, contentHash: 'a'.repeat(64) },
    });
    const jurisdiction = { level: 'district', code: '410105' };
    const terms = {
      jurisdiction,
      name: 'meeting_filing.due',
      parameter: 5,
      unit: 'calendar_days',
      legalBasis: '区委通知',
      effectiveFrom: '2026-12-05',
    };
    const data = {
      level: 'district',
      divisionCode: '410105',
      name: 'meeting_filing.due',
      parameter: 5,
      unit: 'calendar_days',
      legalBasis: '区委通知',
      effectiveFrom: '2026-12-05',
    };
    expect(announce(event('DeadlineRuleDefined', terms))).toEqual({ type: 'responsibility.DeadlineRuleSet', version: 1, data });
    expect(announce(event('DeadlineRuleAmended', { ...terms, previousEffectiveFrom: '2014-01-01' }))?.data).toEqual(data);
    expect(
      announce(
        event('DeadlineRuleRetired', { jurisdiction, name: 'meeting_filing.due', retiredFrom: '2027-01-01', reason: '并入市级规则' }),
      ),
    ).toEqual({
      type: 'responsibility.DeadlineRuleRetired',
      version: 1,
      data: { level: 'district', divisionCode: '410105', name: 'meeting_filing.due', retiredFrom: '2027-01-01', reason: '并入市级规则' },
    });
  });
});
