import type { DomainEvent } from '@app/domain';
import type { ReturnFigures } from './return-figures';

/**
 * Internal events of a commission's quarterly accountability return (责任追究季报表, seed §15;
 * stream `accountability-return-<commission>-<year>-q<n>`).
 */

/** The commission's secretary signed the figures off (签发). */
export type ReturnSignedOff = DomainEvent<
  'AccountabilityReturnSignedOff',
  {
    readonly commission: string;
    readonly quarter: string;
    readonly figures: ReturnFigures;
    readonly signedBy: string;
    readonly signedOn: string;
  }
>;

/** Submitted to the higher commission; `late` after the due day (rule `accountability_return.submission`). */
export type ReturnSubmitted = DomainEvent<
  'AccountabilityReturnSubmitted',
  {
    readonly commission: string;
    readonly quarter: string;
    readonly to: string;
    readonly submittedOn: string;
    readonly dueOn: string;
    readonly late: boolean;
    readonly by: string;
  }
>;

/** Not submitted by the due day: recorded once, by the scheduler. */
export type ReturnOverdue = DomainEvent<
  'AccountabilityReturnOverdue',
  { readonly commission: string; readonly quarter: string; readonly dueOn: string; readonly markedOn: string }
>;

export type ReturnEvent = ReturnSignedOff | ReturnSubmitted | ReturnOverdue;
