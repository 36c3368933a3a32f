import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { ReviewState } from './review.decider';

export type ReviewView = Exclude<ReviewState, { status: 'absent' }> & { readonly version: number };

interface Row {
  readonly state: ReviewView;
  readonly version: number;
}

/** The reviews read model (`resp_reviews`), one folded row per review. */
@Injectable()
export class ReviewReads {
  constructor(private readonly dataSource: DataSource) {}

  async find(reviewId: string): Promise<ReviewView | undefined> {
    const [row] = await this.dataSource.query<Row[]>('SELECT state, version FROM resp_reviews WHERE review_id = $1', [
      reviewId.toLowerCase(),
    ]);
    return row && { ...row.state, version: row.version };
  }

  async require(reviewId: string): Promise<ReviewView> {
    const review = await this.find(reviewId);
    if (!review) throw new DomainError('REVIEW.NOT_FOUND', `No review ${reviewId}.`, 'not_found', { reviewId });
    return review;
  }

  /** The unit's reviews, optionally of one status, the latest period first. */
  async ofUnit(unitCode: string, status?: string): Promise<ReviewView[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT state, version FROM resp_reviews WHERE unit_code = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY period_from DESC, review_id`,
      [unitCode, status ?? null],
    );
    return rows.map((row) => ({ ...row.state, version: row.version }));
  }
}
