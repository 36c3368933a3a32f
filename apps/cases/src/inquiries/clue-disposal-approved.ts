import type { DomainEvent } from '@app/domain';

// replaced by the clue feature's type at merge
/**
 * A clue's disposal was approved (线索处置审批), as the clue feature records it in this service's
 * log (stream `clue-<clueId>`): the agreed shape the clue-disposal process reacts to.
 */
export type ClueDisposalApproved = DomainEvent<
  'ClueDisposalApproved',
  {
    readonly clueId: string;
    readonly commission: string;
    readonly method: 'inquiry' | 'preliminary_check' | 'hold' | 'close';
    readonly subjects: readonly { readonly staffNumber: string; readonly unitCode: string }[];
    readonly approvedOn: string;
    readonly approvedBy: string;
  }
>;

/** The stream a clue's events are in (the clue feature's). */
export const clueStreamId = (clueId: string): string => `clue-${clueId.toLowerCase()}`;
