import type { DomainEvent } from '@app/domain';

/**
 * Internal events of a commission's bi-monthly typical-case bulletin (典型案件双月通报, seed §15;
 * stream `typical-case-bulletin-<commission>-<year>-b<n>`).
 */

/** One typical case as the bulletin lists it: the decision, whom it concerned, what was decided. */
export interface TypicalCase {
  readonly decisionId: string;
  readonly decidedOn: string;
  readonly unitCode: string;
  readonly staffNumber: string | null;
  readonly measures: readonly string[];
  readonly sanctions: readonly string[];
}

export type BulletinCompiled = DomainEvent<
  'TypicalCaseBulletinCompiled',
  {
    readonly commission: string;
    readonly period: string;
    readonly cases: readonly TypicalCase[];
    readonly compiledBy: string;
    readonly compiledOn: string;
  }
>;

export type BulletinReviewed = DomainEvent<
  'TypicalCaseBulletinReviewed',
  { readonly reviewedBy: string; readonly reviewedOn: string; readonly opinion: string }
>;

export type BulletinSigned = DomainEvent<'TypicalCaseBulletinSigned', { readonly signedBy: string; readonly signedOn: string }>;

export type BulletinPublished = DomainEvent<
  'TypicalCaseBulletinPublished',
  { readonly commission: string; readonly period: string; readonly caseCount: number; readonly publishedOn: string; readonly by: string }
>;

export type BulletinEvent = BulletinCompiled | BulletinReviewed | BulletinSigned | BulletinPublished;
