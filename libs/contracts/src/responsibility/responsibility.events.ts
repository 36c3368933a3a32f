/**
 * Public integration events of responsibility tracking (source `responsibility`). Each type is
 * versioned on its own; a consumer switches on `type` and `version`. Days are `YYYY-MM-DD` (China
 * Standard Time). People appear by staff number only.
 */

export const RESPONSIBILITY_SOURCE = 'responsibility' as const;

/** Kafka topic of every responsibility-tracking integration event, keyed by stream id. */
export const RESPONSIBILITY_TOPIC = 'responsibility.events.v1' as const;

export const ResponsibilityEventTypes = {
  ListGenerated: 'responsibility.ListGenerated',
  ListApproved: 'responsibility.ListApproved',
  DocumentSignedOff: 'responsibility.DocumentSignedOff',
  DocumentFullySigned: 'responsibility.DocumentFullySigned',
  LetterTookEffect: 'responsibility.LetterTookEffect',
  DualReportSubmitted: 'responsibility.DualReportSubmitted',
  DualReportAcknowledged: 'responsibility.DualReportAcknowledged',
  ObligationDueSoon: 'responsibility.ObligationDueSoon',
  ObligationOverdue: 'responsibility.ObligationOverdue',
  ObligationFulfilled: 'responsibility.ObligationFulfilled',
  DeadlineRuleSet: 'responsibility.DeadlineRuleSet',
  DeadlineRuleRetired: 'responsibility.DeadlineRuleRetired',
  ResponsibilityReviewConcluded: 'responsibility.ResponsibilityReviewConcluded',
} as const;

export type ResponsibilityEventType = (typeof ResponsibilityEventTypes)[keyof typeof ResponsibilityEventTypes];

export interface ResponsibilityIntegrationEvent<Type extends ResponsibilityEventType, Version extends number, Data> {
  readonly type: Type;
  readonly version: Version;
  readonly data: Data;
}

/** A unit's list for a year was drawn up from the duty template. */
export type ListGeneratedV1 = ResponsibilityIntegrationEvent<
  'responsibility.ListGenerated',
  1,
  { readonly unitCode: string; readonly year: number; readonly itemCount: number; readonly createdOn: string }
>;

/** One signature on one version of a document (the written opinion stays in the service). */
export type DocumentSignedOffV1 = ResponsibilityIntegrationEvent<
  'responsibility.DocumentSignedOff',
  1,
  {
    readonly documentId: string;
    readonly version: number;
    readonly contentHash: string;
    readonly role: string;
    readonly signerStaffNumber: string;
    readonly signerUnitCode: string;
    readonly keyFingerprint: string;
    readonly signedOn: string;
  }
>;

export type DocumentFullySignedV1 = ResponsibilityIntegrationEvent<
  'responsibility.DocumentFullySigned',
  1,
  {
    readonly documentId: string;
    readonly kind: string;
    readonly unitCode: string;
    readonly year: number;
    readonly version: number;
    readonly contentHash: string;
    readonly fullySignedOn: string;
  }
>;

/** Both parties signed a responsibility letter (责任书): its items are now tracked responsibilities. */
export type LetterTookEffectV1 = ResponsibilityIntegrationEvent<
  'responsibility.LetterTookEffect',
  1,
  {
    readonly documentId: string;
    readonly year: number;
    readonly issuerUnitCode: string;
    readonly recipientUnitCode: string;
    readonly itemCount: number;
    readonly effectiveOn: string;
  }
>;

export type DualReportSubmittedV1 = ResponsibilityIntegrationEvent<
  'responsibility.DualReportSubmitted',
  1,
  {
    readonly unitCode: string;
    readonly year: number;
    readonly kind: string;
    readonly submissionNo: number;
    readonly documentId: string;
    readonly recipientUnitCodes: readonly string[];
    readonly submittedOn: string;
  }
>;

export type DualReportAcknowledgedV1 = ResponsibilityIntegrationEvent<
  'responsibility.DualReportAcknowledged',
  1,
  {
    readonly unitCode: string;
    readonly year: number;
    readonly kind: string;
    readonly submissionNo: number;
    readonly recipientUnitCode: string;
    readonly acknowledgedOn: string;
  }
>;

interface ObligationFacts {
  readonly obligationId: string;
  readonly subject: string;
  readonly unitCode: string;
  readonly dueOn: string;
}

export type ObligationDueSoonV1 = ResponsibilityIntegrationEvent<
  'responsibility.ObligationDueSoon',
  1,
  ObligationFacts & { readonly warnedOn: string }
>;
export type ObligationOverdueV1 = ResponsibilityIntegrationEvent<
  'responsibility.ObligationOverdue',
  1,
  ObligationFacts & { readonly markedOn: string }
>;
export type ObligationFulfilledV1 = ResponsibilityIntegrationEvent<
  'responsibility.ObligationFulfilled',
  1,
  ObligationFacts & { readonly fulfilledOn: string; readonly late: boolean }
>;

/** A unit's year list signed off in its responsibility-division document: that revision is the year's targets. */
export type ListApprovedV1 = ResponsibilityIntegrationEvent<
  'responsibility.ListApproved',
  1,
  { readonly unitCode: string; readonly year: number; readonly revision: number; readonly contentHash: string }
>;

interface RuleKey {
  /** national, province, city or district. */
  readonly level: string;
  /** GB/T 2260 division code of that level (the nation: 100000). */
  readonly divisionCode: string;
  readonly name: string;
}

/** A deadline rule defined or amended at a jurisdiction from a day on (earlier days keep the earlier version). */
export type DeadlineRuleSetV1 = ResponsibilityIntegrationEvent<
  'responsibility.DeadlineRuleSet',
  1,
  RuleKey & { readonly parameter: number; readonly unit: string; readonly legalBasis: string; readonly effectiveFrom: string }
>;

/** A recorded deadline rule out of force from a day on: the enclosing level's rule applies again. */
export type DeadlineRuleRetiredV1 = ResponsibilityIntegrationEvent<
  'responsibility.DeadlineRuleRetired',
  1,
  RuleKey & { readonly retiredFrom: string; readonly reason: string }
>;

export const REVIEWED_RESPONSIBILITIES = ['main', 'supervisory'] as const;
export type ReviewedResponsibility = (typeof REVIEWED_RESPONSIBILITIES)[number];
export const REVIEWED_SUBJECTS = ['committee', 'principal_leader', 'commission', 'secretary'] as const;
export type ReviewedSubject = (typeof REVIEWED_SUBJECTS)[number];

/** One responsibility the review found not carried out: by an organisation (`staffNumber` null) or a person. */
export interface ReviewedFailure {
  readonly responsibility: ReviewedResponsibility;
  readonly subject: ReviewedSubject;
  readonly unitCode: string;
  readonly staffNumber: string | null;
}

/**
 * A one-case-two-investigations review (一案双查) of a unit's main and supervisory responsibility
 * over a period was concluded. Each failure is for case handling to decide accountability on;
 * `escalatedToUnitCode` names the unit one level up whose review was opened (责任倒查), if any.
 */
export type ResponsibilityReviewConcludedV1 = ResponsibilityIntegrationEvent<
  'responsibility.ResponsibilityReviewConcluded',
  1,
  {
    readonly reviewId: string;
    readonly caseId: string;
    readonly unitCode: string;
    readonly periodFrom: string;
    readonly periodTo: string;
    readonly concludedOn: string;
    readonly failures: readonly ReviewedFailure[];
    readonly escalatedToUnitCode: string | null;
  }
>;

export type ResponsibilityEvent =
  | ResponsibilityReviewConcludedV1
  | ListGeneratedV1
  | ListApprovedV1
  | DeadlineRuleSetV1
  | DeadlineRuleRetiredV1
  | DocumentSignedOffV1
  | DocumentFullySignedV1
  | LetterTookEffectV1
  | DualReportSubmittedV1
  | DualReportAcknowledgedV1
  | ObligationDueSoonV1
  | ObligationOverdueV1
  | ObligationFulfilledV1;
