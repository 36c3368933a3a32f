import type { Command } from '@app/domain';
import type { EscalatedFrom, ReviewSubject } from './review.events';

/**
 * Commands of a one-case-two-investigations review (stream `review-<reviewId>`). The handler
 * resolves the people of the period from the registry view, and who the caller acts for: the
 * commissions in `actor.commissionCodes` are those of the caller's `commission_officer` token.
 */

export interface ReviewActor {
  readonly staffNumber: string;
  readonly commissionCodes: readonly string[];
}

export type OpenReview = Command<
  'OpenReview',
  {
    readonly reviewId: string;
    readonly caseId: string;
    readonly handlingCommissionCode: string;
    readonly unitCode: string;
    readonly periodFrom: string;
    readonly periodTo: string;
    readonly caseStaffNumbers: readonly string[];
    readonly subjects: readonly ReviewSubject[];
    readonly reviewingCommissionCodes: readonly string[];
    readonly escalatedFrom: EscalatedFrom | null;
  }
>;

export type RecordReviewFinding = Command<
  'RecordReviewFinding',
  {
    readonly reviewId: string;
    readonly findingId: string;
    readonly responsibility: string;
    readonly subject: string;
    readonly unitCode: string;
    readonly staffNumber?: string | null;
    readonly carriedOut: boolean;
    readonly text: string;
    readonly evidence?: readonly string[];
    readonly actor: ReviewActor;
  }
>;

export type EscalateReview = Command<
  'EscalateReview',
  {
    readonly reviewId: string;
    /** The higher committee as of the period and its review's id; null when the unit has none (the top). */
    readonly higher: { readonly unitCode: string; readonly reviewId: string } | null;
    readonly reason: string;
    readonly actor: ReviewActor;
  }
>;

export type ConcludeReview = Command<
  'ConcludeReview',
  { readonly reviewId: string; readonly summary: string; readonly actor: ReviewActor }
>;

export type ReviewCommand = OpenReview | RecordReviewFinding | EscalateReview | ConcludeReview;

export const reviewStreamId = (reviewId: string): string => `review-${reviewId.toLowerCase()}`;
