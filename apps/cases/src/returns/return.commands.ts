import type { DeadlineRule } from '@app/deadlines';
import type { Command } from '@app/domain';
import type { ReturnFigures } from './return-figures';

/**
 * Commands of a quarterly return. The handler compiles the figures from the read models, says
 * whether the caller is the commission's secretary that day, and finds the higher commission and
 * the submission rule in force.
 */

export interface ReturnActor {
  readonly staffNumber: string;
  readonly isSecretary: boolean;
  readonly actsForCommission: boolean;
}

export type SignOffReturn = Command<
  'SignOffReturn',
  { readonly commission: string; readonly quarter: string; readonly figures: ReturnFigures; readonly actor: ReturnActor }
>;

export type SubmitReturn = Command<
  'SubmitReturn',
  {
    readonly commission: string;
    readonly quarter: string;
    /** The commission above this one today, as the registry has it; null: none. */
    readonly higherCommission: string | null;
    readonly submissionRule: DeadlineRule;
    readonly actor: ReturnActor;
  }
>;

export type MarkReturnOverdue = Command<
  'MarkReturnOverdue',
  { readonly commission: string; readonly quarter: string; readonly submissionRule: DeadlineRule }
>;

export type ReturnCommand = SignOffReturn | SubmitReturn | MarkReturnOverdue;

export const returnStreamId = (commission: string, quarter: string): string =>
  `accountability-return-${commission}-${quarter.toLowerCase()}`;
