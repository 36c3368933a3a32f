import { Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay, DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { hasRole, type Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { ReviewEvidenceReads, type ReviewEvidence } from './review.evidence';
import { ReviewReads, type ReviewView } from './review.reads';

/**
 * Who reads a review: auditors and registry administrators; officers of the reviewing commissions
 * (the case's handling commission, the unit's higher commission); officers of the commission paired
 * with the unit's committee today, and of the commission above it today.
 */
@Injectable()
export class ReviewReadRules {
  constructor(private readonly view: RegistryView) {}

  async mayRead(principal: Principal, review: ReviewView, today: string): Promise<boolean> {
    if (hasRole(principal, 'auditor', 'registry_admin')) return true;
    if (!hasRole(principal, 'commission_officer')) return false;
    if (review.reviewingCommissionCodes.some((code) => principal.units.includes(code))) return true;
    return (await this.supervisorsToday(review.unitCode, today)).some((code) => principal.units.includes(code));
  }

  async assertMayRead(principal: Principal, review: ReviewView): Promise<void> {
    if (await this.mayRead(principal, review, chinaDay(new Date()))) return;
    throw new DomainError('AUTH.FORBIDDEN', `You do not have access to review ${review.reviewId}.`, 'forbidden', {
      reviewId: review.reviewId,
    });
  }

  private async supervisorsToday(unitCode: string, today: string): Promise<string[]> {
    const chain = await this.view.responsibilityChainOn(unitCode, today);
    return [chain?.responsible?.commission?.code, chain?.higher?.commission?.code].filter((code): code is string => code !== undefined);
  }
}

export class GetReview extends BusQuery<{ readonly reviewId: string }, ReviewView> {}

@QueryHandler(GetReview)
export class GetReviewHandler implements IQueryHandler<GetReview> {
  constructor(
    private readonly reads: ReviewReads,
    private readonly rules: ReviewReadRules,
  ) {}

  async execute({ params: { reviewId }, principal }: GetReview): Promise<ReviewView> {
    const review = await this.reads.require(reviewId);
    await this.rules.assertMayRead(principal, review);
    return review;
  }
}

export class GetReviewEvidence extends BusQuery<{ readonly reviewId: string }, { reviewId: string; records: ReviewEvidence[] }> {}

@QueryHandler(GetReviewEvidence)
export class GetReviewEvidenceHandler implements IQueryHandler<GetReviewEvidence> {
  constructor(
    private readonly reads: ReviewReads,
    private readonly rules: ReviewReadRules,
    private readonly evidence: ReviewEvidenceReads,
  ) {}

  async execute({ params: { reviewId }, principal }: GetReviewEvidence) {
    const review = await this.reads.require(reviewId);
    await this.rules.assertMayRead(principal, review);
    return { reviewId: review.reviewId, records: await this.evidence.of(review) };
  }
}

/** A unit's reviews the caller may read (others are left out, not refused). */
export class ListReviews extends BusQuery<
  { readonly unitCode: string; readonly status?: string },
  { unitCode: string; reviews: ReviewView[] }
> {}

@QueryHandler(ListReviews)
export class ListReviewsHandler implements IQueryHandler<ListReviews> {
  constructor(
    private readonly reads: ReviewReads,
    private readonly rules: ReviewReadRules,
  ) {}

  async execute({ params: { unitCode, status }, principal }: ListReviews) {
    const today = chinaDay(new Date());
    const reviews = await this.reads.ofUnit(unitCode, status);
    const readable = await Promise.all(reviews.map((review) => this.rules.mayRead(principal, review, today)));
    return { unitCode, reviews: reviews.filter((_, index) => readable[index]) };
  }
}
