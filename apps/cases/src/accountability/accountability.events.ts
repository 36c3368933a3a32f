import type { DomainEvent } from '@app/domain';
import type { AccountabilityMeasure, Adjustment, FourForm, SanctionKind } from './sanction-table';

/**
 * Internal events of an accountability decision (stream `accountability-decision-<id>`), of a
 * one-case-two-investigations review's matters (`accountability-review-<reviewId>`) and of a case's
 * accountability file (`case-accountability-<caseId>`).
 */

export type AccountabilityTarget =
  | { readonly kind: 'organisation'; readonly unitCode: string }
  | { readonly kind: 'cadre'; readonly unitCode: string; readonly staffNumber: string };

/** A commission decided accountability (问责) on a case or on a matter of a review. */
export type AccountabilityDecided = DomainEvent<
  'AccountabilityDecided',
  {
    readonly decisionId: string;
    readonly commission: string;
    readonly caseId: string | null;
    readonly matterId: string | null;
    readonly target: AccountabilityTarget;
    readonly measures: readonly AccountabilityMeasure[];
    readonly adjustment: Adjustment | null;
    /** Counted as a typical case (典型案例) in the quarterly return. */
    readonly typical: boolean;
    readonly decidedOn: string;
    /** Formalities (宣布、存档、组织处理手续) due by this day (rule `accountability.formalities`). */
    readonly formalitiesDueOn: string;
    /** The cadre or organisation may appeal (申诉) up to and including this day (rule `accountability.appeal_window`). */
    readonly appealUntil: string;
    /** Cadres only: the form the decision is counted in before any sanction. */
    readonly form: FourForm | null;
    readonly by: string;
  }
>;

/** A Party or administrative sanction imposed under a decision's 纪律处分, with its impact period. */
export type SanctionImposed = DomainEvent<
  'SanctionImposed',
  {
    readonly decisionId: string;
    readonly commission: string;
    readonly staffNumber: string;
    readonly kind: SanctionKind;
    readonly type: string;
    readonly effectiveOn: string;
    /** The last day the sanction affects the person; null: it never ends (政务处分 开除). */
    readonly impactEndsOn: string | null;
    readonly impactMonths: number | null;
    readonly probationYears: number | null;
    readonly transferredForProsecution: boolean;
    readonly form: FourForm;
    readonly imposedOn: string;
    readonly by: string;
  }
>;

export type FormalitiesCompleted = DomainEvent<
  'AccountabilityFormalitiesCompleted',
  { readonly decisionId: string; readonly completedOn: string; readonly late: boolean; readonly by: string }
>;

/** The formalities were not done by their due day: recorded once, by the scheduler. */
export type FormalitiesOverdue = DomainEvent<
  'AccountabilityFormalitiesOverdue',
  { readonly decisionId: string; readonly commission: string; readonly dueOn: string; readonly markedOn: string }
>;

/** The person or organisation appealed (申诉) within the window. */
export type AppealLodged = DomainEvent<
  'AccountabilityAppealLodged',
  { readonly decisionId: string; readonly lodgedOn: string; readonly recordedBy: string }
>;

export type AccountabilityDecisionEvent =
  AccountabilityDecided | SanctionImposed | FormalitiesCompleted | FormalitiesOverdue | AppealLodged;

/** One responsibility a review found not carried out, opened here as a matter to decide on. */
export interface AccountabilityMatter {
  readonly matterId: string;
  readonly responsibility: string;
  readonly subject: string;
  readonly unitCode: string;
  readonly staffNumber: string | null;
}

/** A concluded one-case-two-investigations review (一案双查) opened one matter per failure. */
export type AccountabilityMattersOpened = DomainEvent<
  'AccountabilityMattersOpened',
  {
    readonly reviewId: string;
    readonly caseId: string;
    readonly commission: string;
    readonly periodFrom: string;
    readonly periodTo: string;
    readonly reviewConcludedOn: string;
    readonly escalatedToUnitCode: string | null;
    readonly matters: readonly AccountabilityMatter[];
    readonly openedOn: string;
  }
>;

/** The commission closed a case's accountability file (结案归档): no more decisions on it. */
export type CaseAccountabilityClosed = DomainEvent<
  'CaseAccountabilityClosed',
  { readonly caseId: string; readonly commission: string; readonly closedOn: string; readonly by: string }
>;
