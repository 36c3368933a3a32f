import type { DomainEvent } from '@app/domain';

/**
 * Internal events of a clue (问题线索, stream `clue-<id>`). They carry ids, unit codes, staff
 * numbers, methods and days — never what the clue is about. `ClueDisposalApproved` is the shape
 * the letter-inquiry and dual-reporting features build against: do not change it.
 */

export const CLUE_SOURCES = ['petition', 'inspection_tour', 'audit', 'other'] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

/** The four disposal methods: 谈话函询, 初步核实, 暂存待查, 予以了结. */
export const CLUE_DISPOSAL_METHODS = ['inquiry', 'preliminary_check', 'hold', 'close'] as const;
export type ClueDisposalMethod = (typeof CLUE_DISPOSAL_METHODS)[number];

/** A person a clue is about, with the unit they belonged to as the registry had it. */
export interface ClueSubject {
  readonly staffNumber: string;
  readonly unitCode: string;
}

/** Who must approve a proposed disposal, from the subjects' posts (table `CLUE_APPROVAL_RULES`). */
export interface RequiredApproval {
  readonly rank: string;
  /** Posts in the handling commission, any one of which approves. */
  readonly approverPosts: readonly string[];
}

/** A clue entered in the handling commission's clue register, with its disposal decision due (rule `clue.disposal_decision`). */
export type ClueRegistered = DomainEvent<
  'ClueRegistered',
  {
    readonly clueId: string;
    /** The commission's own reference, e.g. `XS-2026-1A2B3C4D`. */
    readonly number: string;
    readonly commission: string;
    readonly source: ClueSource;
    /** Source `petition`: the accepted petition of the same commission it came from. */
    readonly petitionId?: string;
    /** Other sources: the tour, audit or other reference number. */
    readonly reference?: string;
    readonly subjects: readonly ClueSubject[];
    readonly registeredOn: string;
    readonly recordedOn: string;
    readonly registeredBy: string;
    readonly disposalDueOn: string;
  }
>;

/** The collective review (集体研判) of the clue: when, and who took part. */
export type ClueReviewed = DomainEvent<
  'ClueReviewed',
  {
    readonly clueId: string;
    readonly commission: string;
    readonly reviewedOn: string;
    readonly participants: readonly string[];
    readonly by: string;
  }
>;

/** A disposal proposed (拟处置意见); a later proposal before approval replaces it. */
export type ClueDisposalProposed = DomainEvent<
  'ClueDisposalProposed',
  {
    readonly clueId: string;
    readonly commission: string;
    readonly method: ClueDisposalMethod;
    readonly approval: RequiredApproval;
    readonly proposedOn: string;
    readonly by: string;
  }
>;

/** The proposed disposal approved by someone holding a required post that day: the disposal decision. */
export type ClueDisposalApproved = DomainEvent<
  'ClueDisposalApproved',
  {
    clueId: string;
    commission: string;
    method: ClueDisposalMethod;
    subjects: { staffNumber: string; unitCode: string }[];
    approvedOn: string;
    approvedBy: string;
  }
>;

/** The disposal decision's day passed with none approved: recorded once, by the deadline job, the day after it. */
export type ClueDisposalOverdue = DomainEvent<
  'ClueDisposalOverdue',
  { readonly clueId: string; readonly commission: string; readonly dueOn: string; readonly markedOn: string }
>;

export type ClueEvent = ClueRegistered | ClueReviewed | ClueDisposalProposed | ClueDisposalApproved | ClueDisposalOverdue;
