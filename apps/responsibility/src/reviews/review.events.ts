import type { ReviewedFailure, ReviewedResponsibility, ReviewedSubject } from '@app/contracts';
import type { DomainEvent } from '@app/domain';

/**
 * One case, two investigations (一案双究, seed §14): a concluded case with a finding at a unit opens
 * a review of the unit's main responsibility (its Party committee and principal leader) and
 * supervisory responsibility (its commission and secretary) over the finding's period. Days are
 * `YYYY-MM-DD` (China Standard Time); periods include both ends.
 */

/**
 * Who carried one responsibility during the period, as the registry had it then: an organisation
 * (`staffNumber` null) or a person, over the part of the period they carried it.
 */
export interface ReviewSubject {
  readonly responsibility: ReviewedResponsibility;
  readonly subject: ReviewedSubject;
  readonly unitCode: string;
  readonly staffNumber: string | null;
  readonly from: string;
  readonly to: string;
  /** An acting holder (代理). */
  readonly acting: boolean;
}

/** The review one level down whose failure opened this one (责任倒查). */
export interface EscalatedFrom {
  readonly reviewId: string;
  readonly unitCode: string;
}

export type ResponsibilityReviewOpened = DomainEvent<
  'ResponsibilityReviewOpened',
  {
    readonly reviewId: string;
    readonly caseId: string;
    readonly handlingCommissionCode: string;
    readonly unitCode: string;
    readonly periodFrom: string;
    readonly periodTo: string;
    /** The people the case found responsible at the unit (当事人), as case handling named them. */
    readonly caseStaffNumbers: readonly string[];
    readonly subjects: readonly ReviewSubject[];
    /** Commissions whose officers record findings: the case's handling commission and the unit's higher commission. */
    readonly reviewingCommissionCodes: readonly string[];
    readonly escalatedFrom: EscalatedFrom | null;
    readonly openedOn: string;
  }
>;

/** A reviewer's finding on one subject: whether the responsibility was carried out, with the records it rests on. */
export type ResponsibilityReviewFindingRecorded = DomainEvent<
  'ResponsibilityReviewFindingRecorded',
  {
    readonly findingId: string;
    readonly responsibility: ReviewedResponsibility;
    readonly subject: ReviewedSubject;
    readonly unitCode: string;
    readonly staffNumber: string | null;
    readonly carriedOut: boolean;
    readonly text: string;
    /** Streams of this service's own records for the unit and the period's years. */
    readonly evidence: readonly string[];
    readonly on: string;
    readonly by: string;
  }
>;

/** A failure at the unit traced one level up (责任倒查): the review of the higher committee was opened. */
export type ResponsibilityReviewEscalated = DomainEvent<
  'ResponsibilityReviewEscalated',
  { readonly toReviewId: string; readonly toUnitCode: string; readonly reason: string; readonly on: string; readonly by: string }
>;

/** The review's conclusion: each responsibility found not carried out goes to case handling for accountability. */
export type ResponsibilityReviewConcluded = DomainEvent<
  'ResponsibilityReviewConcluded',
  {
    readonly reviewId: string;
    readonly caseId: string;
    readonly unitCode: string;
    readonly periodFrom: string;
    readonly periodTo: string;
    readonly failures: readonly ReviewedFailure[];
    readonly escalatedToUnitCode: string | null;
    readonly summary: string;
    readonly concludedOn: string;
    readonly by: string;
  }
>;

export type ReviewEvent =
  ResponsibilityReviewOpened | ResponsibilityReviewFindingRecorded | ResponsibilityReviewEscalated | ResponsibilityReviewConcluded;
