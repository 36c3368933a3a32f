import type { ResponsibilityEvent } from '@app/contracts';
import type { RuleSetEvent } from '@app/deadlines';
import type { DomainEvent } from '@app/domain';
import type { DocumentEvent } from './documents/document.events';
import type { DualReportEvent } from './dual-reports/dual-report.events';
import type { ObligationEvent } from './obligations/obligation.events';
import type { ResponsibilityListEvent } from './responsibility-lists/responsibility-list.events';
import type { ReviewEvent } from './reviews/review.events';

type Announced = DocumentEvent | DualReportEvent | ObligationEvent | ResponsibilityListEvent | RuleSetEvent | ReviewEvent;

/**
 * What responsibility tracking tells other services: the facts they act on (a list exists, a
 * document is signed, a letter took effect, a dual report arrived or was acknowledged, an
 * obligation came due, was missed or was met, a one-case-two-investigations review concluded), by
 * ids, units and days. Texts, opinions,
 * signatures and ledger entries stay in the service; everything else is private.
 */
export function announce(event: DomainEvent): ResponsibilityEvent | null {
  const e = event as Announced;
  switch (e.type) {
    case 'ResponsibilityListGenerated':
      return {
        type: 'responsibility.ListGenerated',
        version: 1,
        data: { unitCode: e.data.unitCode, year: e.data.year, itemCount: e.data.items.length, createdOn: e.data.createdOn },
      };
    case 'ResponsibilityListApproved':
      return {
        type: 'responsibility.ListApproved',
        version: 1,
        data: { unitCode: e.data.unitCode, year: e.data.year, revision: e.data.revision, contentHash: e.data.contentHash },
      };
    case 'DeadlineRuleDefined':
    case 'DeadlineRuleAmended':
      return {
        type: 'responsibility.DeadlineRuleSet',
        version: 1,
        data: {
          level: e.data.jurisdiction.level,
          divisionCode: e.data.jurisdiction.code,
          name: e.data.name,
          parameter: e.data.parameter,
          unit: e.data.unit,
          legalBasis: e.data.legalBasis,
          effectiveFrom: e.data.effectiveFrom,
        },
      };
    case 'DeadlineRuleRetired':
      return {
        type: 'responsibility.DeadlineRuleRetired',
        version: 1,
        data: {
          level: e.data.jurisdiction.level,
          divisionCode: e.data.jurisdiction.code,
          name: e.data.name,
          retiredFrom: e.data.retiredFrom,
          reason: e.data.reason,
        },
      };
    case 'DocumentVersionSigned':
      return {
        type: 'responsibility.DocumentSignedOff',
        version: 1,
        data: {
          documentId: e.data.documentId,
          version: e.data.version,
          contentHash: e.data.contentHash,
          role: e.data.role,
          signerStaffNumber: e.data.signerStaffNumber,
          signerUnitCode: e.data.signerUnitCode,
          keyFingerprint: e.data.keyFingerprint,
          signedOn: e.data.signedOn,
        },
      };
    case 'DocumentFullySigned':
      return {
        type: 'responsibility.DocumentFullySigned',
        version: 1,
        data: {
          documentId: e.data.documentId,
          kind: e.data.kind,
          unitCode: e.data.unitCode,
          year: e.data.year,
          version: e.data.version,
          contentHash: e.data.contentHash,
          fullySignedOn: e.data.fullySignedOn,
        },
      };
    case 'LetterTookEffect':
      return {
        type: 'responsibility.LetterTookEffect',
        version: 1,
        data: {
          documentId: e.data.documentId,
          year: e.data.year,
          issuerUnitCode: e.data.issuerUnitCode,
          recipientUnitCode: e.data.recipientUnitCode,
          itemCount: e.data.items.length,
          effectiveOn: e.data.effectiveOn,
        },
      };
    case 'DualReportSubmitted':
    case 'DualReportResubmitted':
      return {
        type: 'responsibility.DualReportSubmitted',
        version: 1,
        data: {
          unitCode: e.data.unitCode,
          year: e.data.year,
          kind: e.data.kind,
          submissionNo: e.data.submissionNo,
          documentId: e.data.documentId,
          recipientUnitCodes: e.data.recipients.map((recipient) => recipient.unitCode),
          submittedOn: e.data.submittedOn,
        },
      };
    case 'DualReportAcknowledged':
      return {
        type: 'responsibility.DualReportAcknowledged',
        version: 1,
        data: {
          unitCode: e.data.unitCode,
          year: e.data.year,
          kind: e.data.kind,
          submissionNo: e.data.submissionNo,
          recipientUnitCode: e.data.recipientUnitCode,
          acknowledgedOn: e.data.acknowledgedOn,
        },
      };
    case 'ObligationDueSoonWarned':
      return { type: 'responsibility.ObligationDueSoon', version: 1, data: { ...obligationFacts(e.data), warnedOn: e.data.warnedOn } };
    case 'ObligationMarkedOverdue':
      return { type: 'responsibility.ObligationOverdue', version: 1, data: { ...obligationFacts(e.data), markedOn: e.data.markedOn } };
    case 'ObligationFulfilled':
      return {
        type: 'responsibility.ObligationFulfilled',
        version: 1,
        data: { ...obligationFacts(e.data), fulfilledOn: e.data.fulfilledOn, late: e.data.late },
      };
    case 'ResponsibilityReviewConcluded':
      return {
        type: 'responsibility.ResponsibilityReviewConcluded',
        version: 1,
        data: {
          reviewId: e.data.reviewId,
          caseId: e.data.caseId,
          unitCode: e.data.unitCode,
          periodFrom: e.data.periodFrom,
          periodTo: e.data.periodTo,
          concludedOn: e.data.concludedOn,
          failures: e.data.failures.map(({ responsibility, subject, unitCode, staffNumber }) => ({
            responsibility,
            subject,
            unitCode,
            staffNumber,
          })),
          escalatedToUnitCode: e.data.escalatedToUnitCode,
        },
      };
    default:
      return null;
  }
}

function obligationFacts(data: { obligationId: string; subject: string; unitCode: string; dueOn: string }) {
  return { obligationId: data.obligationId, subject: data.subject, unitCode: data.unitCode, dueOn: data.dueOn };
}
