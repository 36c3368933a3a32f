import type { Command } from '@app/domain';
import type { DeadlineRule } from '@app/deadlines';
import type { RequiredApproval } from './clue.events';

/**
 * Commands of a clue (stream `clue-<id>`). The handler resolves, for the command's day, who the
 * actor is to the handling commission (a `commission_officer` acting for it; the posts they held in
 * it that day), the registry facts the rules need and the deadline rule in force.
 */

export interface ClueActor {
  readonly staffNumber: string;
  /** A commission officer acting for the handling commission (its case management office 案件监督管理室). */
  readonly officer: boolean;
  /** The posts the actor held in the handling commission that day. */
  readonly commissionPosts: readonly string[];
}

/** What the handler found of the petition a clue comes from (null: no such petition). */
export interface PetitionFact {
  readonly commission: string;
  readonly status: string;
}

export type RegisterClue = Command<
  'RegisterClue',
  {
    readonly clueId: string;
    readonly commission: string;
    readonly source: string;
    readonly petitionId?: string;
    readonly petition?: PetitionFact | null;
    readonly reference?: string;
    readonly subjects: readonly { readonly staffNumber: string; readonly unitCode: string }[];
    readonly registeredOn: string;
    /** `clue.disposal_decision` in force for the commission on `registeredOn`. */
    readonly disposalRule: DeadlineRule;
    readonly actor: ClueActor;
  }
>;

export type ReviewClue = Command<
  'ReviewClue',
  { readonly clueId: string; readonly reviewedOn: string; readonly participants: readonly string[]; readonly actor: ClueActor }
>;

export type ProposeClueDisposal = Command<
  'ProposeClueDisposal',
  {
    readonly clueId: string;
    readonly method: string;
    /** From the subjects' posts that day (`requiredApproval`). */
    readonly approval: RequiredApproval;
    readonly actor: ClueActor;
  }
>;

export type ApproveClueDisposal = Command<'ApproveClueDisposal', { readonly clueId: string; readonly actor: ClueActor }>;

/** The deadline job's: records a disposal decision overdue, once. */
export type MarkClueOverdue = Command<'MarkClueOverdue', { readonly clueId: string }>;

export type ClueCommand = RegisterClue | ReviewClue | ProposeClueDisposal | ApproveClueDisposal | MarkClueOverdue;

export const clueStreamId = (clueId: string): string => `clue-${clueId.toLowerCase()}`;
