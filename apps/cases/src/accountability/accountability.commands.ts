import type { Command } from '@app/domain';
import type { DeadlineRule } from '@app/deadlines';
import type { AccountabilityMatter } from './accountability.events';

/**
 * Commands of accountability. The handler resolves what the rules need from outside the stream:
 * whether the caller acts for the commission, the case or matter decided on as the read models
 * have it, and the deadline rules in force.
 */

export interface AccountabilityActor {
  readonly staffNumber: string;
  /** A commission officer acting for the deciding commission. */
  readonly actsForCommission: boolean;
}

/** The case or matter a decision is taken on, as the read models have it. */
export type DecisionBasis =
  | {
      readonly kind: 'case';
      readonly caseId: string;
      readonly status: 'absent' | 'opened' | 'concluded' | 'closed';
      readonly commission: string | null;
    }
  | {
      readonly kind: 'matter';
      readonly matterId: string;
      readonly matter: (AccountabilityMatter & { readonly caseId: string; readonly commission: string }) | null;
    };

export type DecideAccountability = Command<
  'DecideAccountability',
  {
    readonly decisionId: string;
    readonly commission: string;
    readonly basis: DecisionBasis;
    readonly target: { readonly kind: string; readonly unitCode: string; readonly staffNumber?: string };
    readonly measures: readonly string[];
    readonly adjustment?: string;
    readonly typical: boolean;
    readonly decidedOn: string;
    readonly formalitiesRule: DeadlineRule;
    readonly appealRule: DeadlineRule;
    readonly actor: AccountabilityActor;
  }
>;

export type ImposeSanction = Command<
  'ImposeSanction',
  {
    readonly decisionId: string;
    readonly kind: string;
    readonly type: string;
    readonly effectiveOn: string;
    readonly probationYears?: number;
    readonly transferredForProsecution?: boolean;
    readonly actor: AccountabilityActor;
  }
>;

export type CompleteFormalities = Command<
  'CompleteFormalities',
  { readonly decisionId: string; readonly completedOn: string; readonly actor: AccountabilityActor }
>;

export type LodgeAppeal = Command<
  'LodgeAppeal',
  { readonly decisionId: string; readonly lodgedOn: string; readonly actor: AccountabilityActor }
>;

/** The scheduler's: records formalities not done by their due day, once. */
export type MarkFormalitiesOverdue = Command<'MarkFormalitiesOverdue', { readonly decisionId: string }>;

export type AccountabilityDecisionCommand =
  DecideAccountability | ImposeSanction | CompleteFormalities | LodgeAppeal | MarkFormalitiesOverdue;

export const decisionStreamId = (decisionId: string): string => `accountability-decision-${decisionId.toLowerCase()}`;
